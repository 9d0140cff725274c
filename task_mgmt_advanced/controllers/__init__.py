from . import raci_matrix
