package org.secmlops.core.result;

/** Gives tests in other packages the sample result. */
public final class ResultJsonTestAccess {
    private ResultJsonTestAccess() {
    }

    public static GateRunResult sample() {
        return ResultJsonTest.sample();
    }
}
