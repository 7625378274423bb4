package org.secmlops.core.robustness;

import java.util.Locale;

/**
 * The norm that bounds a perturbation. Projections are exact in the sense that the returned point satisfies the
 * budget when measured in double precision ({@link #size}); rounding to {@code float} never pushes a point outside.
 */
public enum Norm {
    /** The largest absolute change of any input value. */
    LINF("linf"),
    /** The Euclidean length of the change. */
    L2("l2");

    private static final int MAX_SHRINKS = 60;

    private final String id;

    Norm(String id) {
        this.id = id;
    }

    /** {@code linf} or {@code l2}. */
    public String id() {
        return id;
    }

    /**
     * Parses {@code linf}/{@code inf}/{@code l_inf} or {@code l2}/{@code 2} (any case).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Norm parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "linf", "inf", "l_inf", "l-inf" -> LINF;
            case "l2", "2" -> L2;
            default -> throw new IllegalArgumentException("Unknown norm '" + text + "' (expected linf or l2)");
        };
    }

    /** The size of {@code adversarial - clean} in this norm, in double precision. */
    public double size(float[] adversarial, float[] clean) {
        double result = 0;
        if (this == LINF) {
            for (int i = 0; i < clean.length; i++) {
                result = Math.max(result, Math.abs((double) adversarial[i] - clean[i]));
            }
            return result;
        }
        for (int i = 0; i < clean.length; i++) {
            double d = (double) adversarial[i] - clean[i];
            result += d * d;
        }
        return Math.sqrt(result);
    }

    /**
     * The steepest-ascent direction of a gradient for this norm: its sign for L∞, the unit vector for L2; zero
     * for a zero gradient.
     */
    public float[] direction(float[] gradient) {
        float[] out = new float[gradient.length];
        if (this == LINF) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.signum(gradient[i]);
            }
            return out;
        }
        double length = 0;
        for (float g : gradient) {
            length += (double) g * g;
        }
        length = Math.sqrt(length);
        if (length > 0 && Double.isFinite(length)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (gradient[i] / length);
            }
        }
        return out;
    }

    /**
     * Moves {@code adversarial} in place into the ball of radius {@code eps} around {@code clean}, then into the
     * valid input range. The result satisfies {@code size(adversarial, clean) <= eps} exactly and lies in the
     * bounds (given that {@code clean} does).
     */
    public void project(float[] adversarial, float[] clean, double eps, InputBounds bounds) {
        for (int i = 0; i < adversarial.length; i++) {
            if (!Float.isFinite(adversarial[i])) {
                adversarial[i] = clean[i];
            }
        }
        if (this == LINF) {
            for (int i = 0; i < adversarial.length; i++) {
                adversarial[i] = clampInf(adversarial[i], clean[i], eps);
            }
        } else {
            projectL2(adversarial, clean, eps);
        }
        bounds.clip(adversarial);
    }

    /** {@code value} clamped into {@code [center − eps, center + eps]}, exactly (checked in double precision). */
    static float clampInf(float value, float center, double eps) {
        double low = (double) center - eps;
        double high = (double) center + eps;
        float v = value;
        if (v > high) {
            v = (float) high;
            while (v > high) {
                v = Math.nextDown(v);
            }
        } else if (v < low) {
            v = (float) low;
            while (v < low) {
                v = Math.nextUp(v);
            }
        }
        return v;
    }

    private void projectL2(float[] adversarial, float[] clean, double eps) {
        double size = size(adversarial, clean);
        if (size <= eps) {
            return;
        }
        double[] delta = new double[clean.length];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = (double) adversarial[i] - clean[i];
        }
        double factor = eps / size;
        for (int attempt = 0; attempt < MAX_SHRINKS; attempt++) {
            for (int i = 0; i < delta.length; i++) {
                adversarial[i] = (float) (clean[i] + delta[i] * factor);
            }
            if (size(adversarial, clean) <= eps) {
                return;
            }
            factor *= 1 - 1e-6 * (1L << Math.min(attempt, 40));
        }
        System.arraycopy(clean, 0, adversarial, 0, clean.length);
    }
}
