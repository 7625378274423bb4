package org.secmlops.core.detection;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.NativeLibraryProvisioner;

/**
 * Raw passes of the case study's detector through DJL (forward, and forward + backward as the attacks take it), to
 * set beside PyTorch itself from Python ({@code casestudy/pedestrian/torch_passes.py}); docs/benchmarks.md, Detection.
 * Arguments: the TorchScript file, the repetitions.
 */
public final class DetectorPassesBenchmark {
    private DetectorPassesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int reps = Integer.parseInt(args[1]);
        int[] shape = {3, 288, 384};
        ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(s -> { }), s -> { });
        try (LoadedModel loaded = loader.load(ModelSpec.of(model).withSampleShapeIfNone(shape))) {
            float[][] x = new float[1][3 * 288 * 384];
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < x[0].length; i++) {
                x[0][i] = (float) random.nextDouble();
            }
            double[] fwd = new double[reps];
            double[] vjp = new double[reps];
            for (int r = -5; r < reps; r++) {
                long t0 = System.nanoTime();
                loaded.predict(x);
                long t1 = System.nanoTime();
                loaded.vectorJacobian(x, outputs -> {
                    float[][] u = new float[outputs.length][];
                    for (int i = 0; i < outputs.length; i++) {
                        u[i] = new float[outputs[i].length];
                        Arrays.fill(u[i], 1f);
                    }
                    return u;
                });
                long t2 = System.nanoTime();
                if (r >= 0) {
                    fwd[r] = (t1 - t0) / 1e6;
                    vjp[r] = (t2 - t1) / 1e6;
                }
            }
            Arrays.sort(fwd);
            Arrays.sort(vjp);
            System.out.printf("DJL %s, %d intra-op threads (%s): forward p50 %.2f ms min %.2f ms;"
                    + " forward+backward p50 %.2f ms min %.2f ms%n",
                    loaded.engineName(), loaded.threads().intraOp(),
                    loaded.threads().chosenBy(), fwd[reps / 2], fwd[0], vjp[reps / 2], vjp[0]);
        }
    }
}
