package org.secmlops.core.robustness;

/** The few statistical functions randomized smoothing needs, computed to about 1e-12. */
final class Statistics {
    private static final int BISECTIONS = 200;
    private static final int SIMPSON_INTERVALS = 4000;

    private Statistics() {
    }

    /**
     * The one-sided Clopper–Pearson lower confidence bound for a binomial proportion: the {@code p} for which
     * {@code P(X ≥ successes | trials, p) = alpha}; 0 for no successes.
     */
    static double clopperPearsonLower(long successes, long trials, double alpha) {
        if (trials <= 0 || successes < 0 || successes > trials || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, trials > 0 and 0 < alpha < 1");
        }
        if (successes == 0) {
            return 0;
        }
        double low = 0;
        double high = 1;
        for (int i = 0; i < BISECTIONS && high - low > 1e-15; i++) {
            double mid = (low + high) / 2;
            if (upperTail(successes, trials, mid) < alpha) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /** {@code P(X ≥ k)} for X ~ Binomial(n, p), summed in log space. */
    static double upperTail(long k, long n, double p) {
        if (p <= 0) {
            return k <= 0 ? 1 : 0;
        }
        if (p >= 1) {
            return 1;
        }
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double logChoose = 0;
        for (long i = 1; i <= k; i++) {
            logChoose += Math.log(n - i + 1) - Math.log(i);
        }
        double sum = 0;
        for (long i = k; i <= n; i++) {
            if (i > k) {
                logChoose += Math.log(n - i + 1) - Math.log(i);
            }
            sum += Math.exp(logChoose + i * logP + (n - i) * logQ);
        }
        return Math.min(1, sum);
    }

    /** The standard normal distribution function Φ. */
    static double normalCdf(double x) {
        double a = Math.min(Math.abs(x), 40);
        double h = a / SIMPSON_INTERVALS;
        double sum = density(0) + density(a);
        for (int i = 1; i < SIMPSON_INTERVALS; i++) {
            sum += density(i * h) * (i % 2 == 0 ? 2 : 4);
        }
        double half = sum * h / 3;
        return x >= 0 ? 0.5 + half : 0.5 - half;
    }

    /** Φ⁻¹(q) for 0 &lt; q &lt; 1. */
    static double normalQuantile(double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile needs 0 < q < 1, was " + q);
        }
        double low = -40;
        double high = 40;
        for (int i = 0; i < BISECTIONS && high - low > 1e-13; i++) {
            double mid = (low + high) / 2;
            if (normalCdf(mid) < q) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    private static double density(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }
}
