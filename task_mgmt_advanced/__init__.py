from . import models
from . import wizards
from . import report
from . import controllers
from .hooks import post_init_hook
from .hooks import uninstall_hook
