"""Earned value at a status date, from budget, planned %, earned % and actual cost.

* BAC (budget at completion), PV = BAC × planned % complete (from the baseline),
  EV = BAC × earned % complete, AC = actual cost;
* CV = EV − AC, SV = EV − PV, CPI = EV ÷ AC, SPI = EV ÷ PV,
  EAC = BAC ÷ CPI, ETC = EAC − AC, VAC = BAC − EAC.

No ``odoo`` import here: this module is unit-tested without a database.
"""


def _div(numerator, denominator):
    return numerator / denominator if denominator else None


def earned_value(bac, planned_fraction, earned_fraction, actual_cost):
    """The earned-value figures as a dict (ratios None when their denominator is 0).

    >>> ev = earned_value(100000, 0.5, 0.4, 50000)
    >>> ev["pv"], ev["ev"], ev["cpi"], ev["spi"], ev["eac"]
    (50000.0, 40000.0, 0.8, 0.8, 125000.0)
    """
    for name, value in (("planned", planned_fraction), ("earned", earned_fraction)):
        if not 0 <= value <= 1:
            raise ValueError(f"The {name} fraction must be between 0 and 1, got {value!r}")
    if bac < 0 or actual_cost < 0:
        raise ValueError("The budget and the actual cost cannot be negative")
    pv = float(bac) * planned_fraction
    ev = float(bac) * earned_fraction
    ac = float(actual_cost)
    cpi = _div(ev, ac)
    eac = _div(bac, cpi) if cpi else None
    return {
        "bac": float(bac), "pv": pv, "ev": ev, "ac": ac, "cv": ev - ac, "sv": ev - pv,
        "cpi": cpi, "spi": _div(ev, pv), "eac": eac,
        "etc": eac - ac if eac is not None else None,
        "vac": bac - eac if eac is not None else None,
    }
