package io.jenkins.plugins.secmlops;

import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Optional;
import org.secmlops.core.gate.Baseline;
import org.secmlops.core.gate.Criticality;

/** Field validations and list items shared by the forms. */
final class FormChecks {
    private FormChecks() {
    }

    static FormValidation integerInRange(String value, int min, int max, String what) {
        return toValidation(integerProblem(value, min, max, what));
    }

    static FormValidation finiteNumber(String value, String what) {
        return toValidation(numberProblem(value, what));
    }

    /** What is wrong with the text as a whole number in the range, if anything. */
    static Optional<String> integerProblem(String value, int min, int max, String what) {
        try {
            int number = Integer.parseInt(value == null ? "" : value.trim());
            if (number < min || number > max) {
                return Optional.of(what + " must be between " + min + " and " + max + ".");
            }
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of(what + " must be a whole number.");
        }
    }

    /** What is wrong with the text as a finite number, if anything. */
    static Optional<String> numberProblem(String value, String what) {
        try {
            double number = Double.parseDouble(value == null ? "" : value.trim());
            return Double.isFinite(number) ? Optional.empty() : Optional.of(what + " must be finite.");
        } catch (NumberFormatException e) {
            return Optional.of(what + " must be a number.");
        }
    }

    /** What is wrong with a Maven repository URL, if anything. */
    static Optional<String> repositoryProblem(String value) {
        if (value == null || !value.trim().matches("https?://[^\\s\"'<>]+")) {
            return Optional.of("The repository must be an http:// or https:// URL, e.g. " + WorkerSettings.MAVEN_CENTRAL);
        }
        return Optional.empty();
    }

    private static FormValidation toValidation(Optional<String> problem) {
        return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    static ListBoxModel criticalityItems() {
        ListBoxModel items = new ListBoxModel();
        for (Criticality criticality : Criticality.values()) {
            items.add(criticality.name());
        }
        return items;
    }

    /** A gate's criticality: the global default (an empty value) or one of its own. */
    static ListBoxModel gateCriticalityItems(Criticality globalDefault) {
        ListBoxModel items = new ListBoxModel();
        items.add("Global default (" + globalDefault.name() + ")", "");
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
