"""Every user-facing string of both addons is in the addon's .pot and translated in zh_CN.po
(Simplified Chinese is a first audience): the .pot is compared with a fresh export of the
installed addon, the .po with the .pot."""

import io
from pathlib import Path

import polib

from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools.translate import trans_export

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("task_mgmt_advanced", "task_mgmt_reports")


def _key(entry):
    return (entry.msgctxt or "", entry.msgid)


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def _export(self, module):
        buffer = io.BytesIO()
        trans_export(False, [module], buffer, "po", self.env.cr)
        return polib.pofile(buffer.getvalue().decode())

    def test_pot_is_current(self):
        """The checked-in .pot holds every string a fresh export finds, and no string that is gone."""
        for module in ADDONS:
            with self.subTest(module=module):
                exported = {_key(e) for e in self._export(module) if e.msgid}
                pot = {_key(e) for e in polib.pofile(str(REPO / module / "i18n" / f"{module}.pot")) if e.msgid}
                self.assertFalse(sorted(exported - pot)[:20], f"{module}.pot misses these strings: regenerate it")
                self.assertFalse(sorted(pot - exported)[:20], f"{module}.pot has strings no longer in the code")

    def test_zh_cn_translates_every_term(self):
        """zh_CN.po has a (non-fuzzy) translation of every term of the .pot, with the same placeholders."""
        for module in ADDONS:
            with self.subTest(module=module):
                pot = polib.pofile(str(REPO / module / "i18n" / f"{module}.pot"))
                po = {_key(e): e for e in polib.pofile(str(REPO / module / "i18n" / "zh_CN.po"))}
                missing = [e.msgid for e in pot if e.msgid and (
                    _key(e) not in po or not po[_key(e)].msgstr or "fuzzy" in po[_key(e)].flags)]
                self.assertFalse(missing[:30], f"{module}/i18n/zh_CN.po misses {len(missing)} translation(s)")
