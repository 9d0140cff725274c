/** @odoo-module */
// Copyright 2026 task_mgmt
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Domain } from "@web/core/domain";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { DomainField, domainField } from "@web/views/fields/domain/domain_field";

/** The ids of the scope field `name` of `record` (`parent.<field>`: of its parent record). */
function scopeIds(record, name) {
    if (!name) {
        return [];
    }
    if (name.startsWith("parent.")) {
        const ids = record.evalContext.parent?.[name.slice("parent.".length)];
        return Array.isArray(ids) ? ids : [];
    }
    const scope = record.data[name];
    return scope ? scope.currentIds : [];
}

/**
 * Odoo's domain field whose record count ("N record(s)") and record list are those of the
 * rule's projects: the domain saved is the rule's own; the count and the list add
 * `project_id in <the rule's projects>` when the rule names projects (option `scope_field`:
 * a many2many of the record, or `parent.<field>` for a line edited in its parent's form, such
 * as an approval level in its rule's form).
 */
export class ScopedDomainField extends DomainField {
    static props = {
        ...DomainField.props,
        scopeField: { type: String, optional: true },
    };

    getEvaluatedDomain(props = this.props) {
        const domain = super.getEvaluatedDomain(props);
        const ids = scopeIds(props.record, props.scopeField);
        if (domain.isInvalid || !ids.length) {
            return domain;
        }
        return Domain.and([domain, [["project_id", "in", ids]]]).toList();
    }
}

export const scopedDomainField = {
    ...domainField,
    component: ScopedDomainField,
    supportedOptions: [
        ...domainField.supportedOptions,
        { label: _t("Scope field"), name: "scope_field", type: "string" },
    ],
    extractProps(fieldInfo, dynamicInfo) {
        return {
            ...domainField.extractProps(fieldInfo, dynamicInfo),
            scopeField: fieldInfo.options.scope_field,
        };
    },
};

registry.category("fields").add("task_mgmt_scoped_domain", scopedDomainField);
