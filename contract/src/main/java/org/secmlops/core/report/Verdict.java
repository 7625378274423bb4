package org.secmlops.core.report;

import java.util.List;
import java.util.Objects;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.result.GateRunResult;

/**
 * The one sentence that opens a report: the outcome, the capability's headline measurement and the gates that
 * decided it, e.g. {@code FAILED: 2 critical findings in model/ — the model must not be loaded; gate missed:
 * CRITICAL_FINDINGS = 2, required <= 0.}
 *
 * @param status   the run's outcome
 * @param sentence the whole sentence, starting with the outcome
 */
public record Verdict(GateStatus status, String sentence) {
    public Verdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sentence, "sentence");
    }

    /**
     * The verdict of a result.
     *
     * @param result       the result
     * @param headline     what the capability measured, in a few words (e.g. {@code robust accuracy 0.42 at ε =
     *                     0.03}); empty for none
     * @param defaultGates whether the gates are the capability's defaults, none having been configured
     * @return the verdict
     */
    public static Verdict of(GateRunResult result, String headline, boolean defaultGates) {
        GateStatus status = result.status();
        List<GateResult> gates = result.gates().results();
        List<String> missed = reasons(gates, g -> g.status() == GateStatus.UNSTABLE || g.status() == GateStatus.FAILED);
        List<String> inactive = reasons(gates, g -> g.status() == GateStatus.INACTIVE);
        StringBuilder sentence = new StringBuilder(status.name()).append(": ");
        String head = headline == null ? "" : headline.strip();
        sentence.append(head.isEmpty() ? "the run finished" : head);
        if (gates.isEmpty()) {
            sentence.append("; no quality gate applied");
        } else if (!missed.isEmpty()) {
            sentence.append(missed.size() == 1 ? "; gate missed: " : "; gates missed: ").append(String.join("; ", missed));
        } else {
            List<String> held = reasons(gates, g -> g.status() == GateStatus.PASSED);
            if (!held.isEmpty()) {
                sentence.append(" (").append(held.size() == 1 ? "gate: " : "gates: ").append(String.join("; ", held))
                        .append(')');
            }
        }
        if (!inactive.isEmpty()) {
            sentence.append("; not evaluated: ").append(String.join("; ", inactive));
        }
        if (defaultGates && !gates.isEmpty()) {
            sentence.append(" — no gate was configured, so only the default gates applied");
        }
        return new Verdict(status, sentence.append('.').toString());
    }

    /** The verdict followed by a plain notice, e.g. that no threshold is set. */
    public Verdict withNotice(String notice) {
        return new Verdict(status, sentence + " " + notice);
    }

    private static List<String> reasons(List<GateResult> gates, java.util.function.Predicate<GateResult> which) {
        return gates.stream().filter(which).map(GateResult::reason).toList();
    }

    /** The verdict as an HTML paragraph, the outcome as a badge, every text escaped. */
    public String html() {
        String rest = sentence.startsWith(status.name() + ":") ? sentence.substring(status.name().length() + 1)
                : " " + sentence;
        return "<p class=\"secmlops-verdict\">" + HtmlReport.status(status.name()) + Html.escape(rest) + "</p>";
    }
}
