"""Cycle detection on a directed graph given as (from, to) pairs.  Plain Python, no Odoo."""


def find_cycle(pairs):
    """Return one cycle as a list of nodes ``[a, b, …, a]`` in link order, or None when the
    graph is acyclic.

    Kahn's algorithm removes every node that is not on a cycle nor downstream of one.  Every
    node left keeps a predecessor that is left too, so walking backwards from any of them
    must meet a node twice: the nodes between the two meetings form a cycle.

    >>> find_cycle([(1, 2), (2, 3)]) is None
    True
    >>> find_cycle([(1, 2), (2, 3), (3, 1), (3, 4)])
    [1, 2, 3, 1]
    """
    successors, predecessors, indegree = {}, {}, {}
    for source, target in pairs:
        successors.setdefault(source, []).append(target)
        successors.setdefault(target, [])
        predecessors.setdefault(target, []).append(source)
        predecessors.setdefault(source, [])
        indegree[target] = indegree.get(target, 0) + 1
        indegree.setdefault(source, 0)
    queue = [node for node, degree in indegree.items() if degree == 0]
    while queue:
        node = queue.pop()
        for target in successors[node]:
            indegree[target] -= 1
            if indegree[target] == 0:
                queue.append(target)
    remaining = {node for node, degree in indegree.items() if degree > 0}
    if not remaining:
        return None
    node = min(remaining, key=repr)
    seen, path = {}, []
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = next(source for source in predecessors[node] if source in remaining)
    cycle = path[seen[node]:]  # walked backwards: b ← c ← a … ; reverse it into link order
    cycle.reverse()
    start = min(range(len(cycle)), key=lambda i: repr(cycle[i]))
    cycle = cycle[start:] + cycle[:start]
    return [*cycle, cycle[0]]
