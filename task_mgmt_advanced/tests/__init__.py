from . import test_dependency
