package org.secmlops.core.model;

import java.util.List;
import org.secmlops.core.capability.scan.ScanFinding;

/**
 * The pre-load scan found CRITICAL content, so the model was not loaded: loading it could run code.
 * {@link ModelSpec#allowUnsafe()} overrides this.
 */
public final class UnsafeModelException extends ModelException {
    private static final long serialVersionUID = 1L;

    private final transient List<ScanFinding> findings;

    public UnsafeModelException(List<ScanFinding> findings) {
        super(message(findings));
        this.findings = List.copyOf(findings);
    }

    /** The CRITICAL findings that refused the load. */
    public List<ScanFinding> findings() {
        return findings;
    }

    private static String message(List<ScanFinding> findings) {
        ScanFinding first = findings.get(0);
        return "Refusing to load the model: the scan found " + findings.size() + " CRITICAL finding"
                + (findings.size() == 1 ? "" : "s") + ", first " + first.rule() + " in " + first.file()
                + (first.location().isEmpty() ? "" : " (" + first.location() + ")") + ": " + first.message()
                + ". Loading it could run code; pass --allow-unsafe-model only for a model you trust.";
    }
}
