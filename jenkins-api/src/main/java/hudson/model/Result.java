package hudson.model;

import java.io.Serializable;

/**
 * Declaration of Jenkins core {@code hudson.model.Result} (2.479.3).
 * Pure value type, so unlike the other declarations it is fully implemented,
 * with the same constants, ordinals and comparison semantics as upstream
 * ({@code BallColor} and the Stapler/XStream/args4j glue are not declared).
 */
public final class Result implements Serializable {
    public static final Result SUCCESS = new Result("SUCCESS", 0, true);
    public static final Result UNSTABLE = new Result("UNSTABLE", 1, true);
    public static final Result FAILURE = new Result("FAILURE", 2, true);
    public static final Result NOT_BUILT = new Result("NOT_BUILT", 3, false);
    public static final Result ABORTED = new Result("ABORTED", 4, false);

    private final String name;

    public final int ordinal;

    public final boolean completeBuild;

    private Result(String name, int ordinal, boolean complete) {
        this.name = name;
        this.ordinal = ordinal;
        this.completeBuild = complete;
    }

    public Result combine(Result that) {
        if (this.ordinal < that.ordinal) {
            return that;
        } else {
            return this;
        }
    }

    public boolean isWorseThan(Result that) {
        return this.ordinal > that.ordinal;
    }

    public boolean isWorseOrEqualTo(Result that) {
        return this.ordinal >= that.ordinal;
    }

    public boolean isBetterThan(Result that) {
        return this.ordinal < that.ordinal;
    }

    public boolean isBetterOrEqualTo(Result that) {
        return this.ordinal <= that.ordinal;
    }

    @Override
    public String toString() {
        return name;
    }

    public static Result fromString(String s) {
        for (Result r : all) {
            if (s.equalsIgnoreCase(r.name)) {
                return r;
            }
        }
        return FAILURE;
    }

    // Maintain each Result as a singleton when deserialized, as upstream does.
    private Object readResolve() {
        for (Result r : all) {
            if (ordinal == r.ordinal) {
                return r;
            }
        }
        return FAILURE;
    }

    private static final long serialVersionUID = 1L;

    private static final Result[] all = new Result[] {SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED};
}
