package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The in-place L2 Square proposal: undone exactly, its tracked distance true, never outside the ball or range. */
class L2WindowProposalTest {
    private static final SampleGeometry IMAGE = new SampleGeometry(3, 12, 12, true);

    private static float[] randomImage(SplittableRandom random) {
        float[] x = new float[IMAGE.size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = random.nextInt(256) / 255f;
        }
        return x;
    }

    private static double squared(float[] x, float[] clean) {
        double d = Norm.L2.size(x, clean);
        return d * d;
    }

    /** Runs proposals, accepting every other one, and checks each against an independent computation. */
    private static void walk(double eps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] clean = randomImage(random);
        InputBounds bounds = InputBounds.uniform(IMAGE.size(), 0, 1);
        Ball ball = new Ball(clean, eps, Norm.L2, bounds);
        float[] x = clean.clone();
        double distance = 0;
        L2WindowProposal proposal = new L2WindowProposal();
        for (int it = 0; it < 300; it++) {
            int side = 1 + random.nextInt(8);
            int[] size = {side, side};
            double[][] patterns = {SquareAttack.pattern(side, side, true), SquareAttack.pattern(side, side, false)};
            float[] before = x.clone();
            proposal.propose(ball, x, distance, eps, size, patterns, IMAGE, random);

            assertThat(Norm.L2.size(x, clean)).as("eps %s, step %d", eps, it).isLessThanOrEqualTo(eps);
            assertThat(bounds.contains(x)).isTrue();
            assertThat(proposal.squaredDistance()).isCloseTo(squared(x, clean),
                    org.assertj.core.data.Offset.offset(1e-12 * eps * eps + 1e-30));
            if (it % 2 == 0) {
                proposal.undo(x);
                assertThat(x).as("undone").containsExactly(before);
            } else {
                distance = proposal.squaredDistance();
            }
        }
    }

    @Test
    void shouldStayInTheBallTrackItsDistanceAndUndoExactly() {
        for (double eps : new double[] {0.05, 0.5, 3.0}) {
            walk(eps, 7);
        }
    }

    @Test
    void shouldFitProposalsWhereRoundingAloneWouldLeaveTheBall() {
        // ε comparable to the float spacing of the pixel values: the rounded writes overshoot the aim of the
        // proposal, and the exact check must pull the window back in
        for (double eps : new double[] {3e-7, 1e-6, 1e-5}) {
            walk(eps, 11);
        }
    }
}
