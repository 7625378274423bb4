package io.jenkins.plugins.secmlops;

import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import org.secmlops.core.gate.Baseline;
import org.secmlops.core.gate.Criticality;

/** Field validations and list items shared by the forms. */
final class FormChecks {
    private FormChecks() {
    }

    static FormValidation integerInRange(String value, int min, int max, String what) {
        try {
            int number = Integer.parseInt(value == null ? "" : value.trim());
            if (number < min || number > max) {
                return FormValidation.error(what + " must be between " + min + " and " + max + ".");
            }
            return FormValidation.ok();
        } catch (NumberFormatException e) {
            return FormValidation.error(what + " must be a whole number.");
        }
    }

    static FormValidation finiteNumber(String value, String what) {
        try {
            double number = Double.parseDouble(value == null ? "" : value.trim());
            return Double.isFinite(number) ? FormValidation.ok() : FormValidation.error(what + " must be finite.");
        } catch (NumberFormatException e) {
            return FormValidation.error(what + " must be a number.");
        }
    }

    static ListBoxModel criticalityItems() {
        ListBoxModel items = new ListBoxModel();
        for (Criticality criticality : Criticality.values()) {
            items.add(criticality.name());
        }
        return items;
    }

    static ListBoxModel baselineItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("The value in this build", Baseline.ABSOLUTE.name());
        items.add("The change against the last build that passed", Baseline.DELTA.name());
        return items;
    }
}
