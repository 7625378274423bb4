package org.secmlops.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The in-place L2 Square proposal: undone exactly, its tracked distance true, never outside the ball or range. */
class L2WindowProposalTest {
    private static final SampleGeometry IMAGE = new SampleGeometry(3, 12, 12, true);
    private static final SampleGeometry CHANNELS_LAST = new SampleGeometry(3, 10, 14, false);

    private static float[] randomImage(SampleGeometry geometry, SplittableRandom random) {
        float[] x = new float[geometry.size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = random.nextInt(256) / 255f;
        }
        return x;
    }

    private static double squared(float[] x, float[] clean) {
        double d = Norm.L2.size(x, clean);
        return d * d;
    }

    /**
     * Runs proposals, accepting every other one, and checks each against an independent computation; returns how
     * many changed the point.
     */
    private static int walk(SampleGeometry geometry, double eps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] clean = randomImage(geometry, random);
        InputBounds bounds = InputBounds.uniform(geometry.size(), 0, 1);
        Ball ball = new Ball(clean, eps, Norm.L2, bounds);
        float[] x = clean.clone();
        double distance = 0;
        L2WindowProposal proposal = new L2WindowProposal();
        int moved = 0;
        for (int it = 0; it < 300; it++) {
            int side = 1 + random.nextInt(8);
            int[] size = {side, side};
            float[][] patterns = {SquareAttack.pattern(side, side, true), SquareAttack.pattern(side, side, false)};
            float[] before = x.clone();
            proposal.propose(ball, x, distance, eps, size, patterns, geometry, random);
            moved += java.util.Arrays.equals(x, before) ? 0 : 1;

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
        return moved;
    }

    @Test
    void shouldStayInTheBallTrackItsDistanceAndUndoExactly() {
        for (double eps : new double[] {0.05, 0.5, 3.0}) {
            assertThat(walk(IMAGE, eps, 7)).as("proposals that changed the point").isGreaterThan(250);
            assertThat(walk(CHANNELS_LAST, eps, 8)).as("proposals that changed the point").isGreaterThan(250);
        }
    }

    @Test
    void shouldFitProposalsWhereRoundingAloneWouldLeaveTheBall() {
        // ε comparable to the float spacing of the pixel values: the rounded writes overshoot the aim of the
        // proposal, and the exact check must pull the window back in
        for (double eps : new double[] {3e-7, 1e-6, 1e-5}) {
            walk(IMAGE, eps, 11);
            walk(CHANNELS_LAST, eps, 12);
        }
    }

    @Test
    void shouldUseTheWholeAimedBudgetWhereNoBoundClips() {
        SplittableRandom random = new SplittableRandom(13);
        for (SampleGeometry geometry : new SampleGeometry[] {IMAGE, CHANNELS_LAST}) {
            float[] clean = randomImage(geometry, random);
            Ball ball = new Ball(clean, 0.5, Norm.L2, InputBounds.unbounded(geometry.size()));
            float[] x = clean.clone();
            double distance = 0;
            L2WindowProposal proposal = new L2WindowProposal();
            for (int it = 0; it < 200; it++) {
                int side = 1 + random.nextInt(8);
                float[][] patterns = {SquareAttack.pattern(side, side, true), SquareAttack.pattern(side, side, false)};
                proposal.propose(ball, x, distance, 0.5, new int[] {side, side}, patterns, geometry,
                        random);
                assertThat(squared(x, clean)).as("step %d, side %d, %s", it, side, geometry)
                        .isCloseTo(0.25 * L2WindowProposal.AIM, org.assertj.core.data.Offset.offset(1e-6));
                distance = proposal.squaredDistance();
            }
        }
    }
}
