package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.model.GradientFreeModel;
import org.secmlops.core.model.ModelException;

class ModelProbeTest {
    /** A model whose output is its (preprocessed) input, so the test knows every output. */
    private static final class IdentityModel extends GradientFreeModel {
        int calls;

        @Override
        public float[][] predict(float[][] batch) {
            calls++;
            return batch;
        }
    }

    @Test
    void shouldSoftmaxLogitsAndKeepThemAsTheEmbeddingInBatches() throws Exception {
        DataTable data = PlantedData.table("d", new float[][] {{0, 0}, {1, 0}, {0, 2}}, new int[] {0, 1, 1},
                new int[] {2}, false);
        IdentityModel model = new IdentityModel();

        ModelOutputs outputs = new ModelProbe(Preprocessing.NONE.withScale(2f, 0f), 2).run(model, data, "m");

        assertThat(model.calls).isEqualTo(2);
        assertThat(outputs.embedding()[2]).containsExactly(0f, 4f);
        assertThat((double) outputs.probabilities()[1][0]).isCloseTo(Math.exp(2) / (Math.exp(2) + 1), within(1e-6));
        assertThat(outputs.description()).contains("m (", "represented by its logits",
                "exposes no penultimate activations");
    }

    @Test
    void shouldRunTheModelAgainOnChangedRowsThroughTheSamePreprocessingInBatches() throws Exception {
        DataTable data = PlantedData.table("d", new float[][] {{0, 0}, {1, 0}, {0, 2}}, new int[] {0, 1, 1},
                new int[] {2}, false);
        IdentityModel model = new IdentityModel();
        ModelOutputs outputs = new ModelProbe(Preprocessing.NONE.withScale(2f, 0f), 2).run(model, data, "m");
        model.calls = 0;

        float[][] again = outputs.reclassifier().classify(new float[][] {{3, 1}, {0, 0}, {1, 1}});

        assertThat(model.calls).isEqualTo(2);
        assertThat(again).hasDimensions(3, 2);
        assertThat(again[0]).containsExactly(6f, 2f);
        assertThat(again[2]).containsExactly(2f, 2f);
    }

    @Test
    void shouldTakeRowsThatAreDistributionsAsProbabilities() throws Exception {
        DataTable data = PlantedData.table("d", new float[][] {{0.25f, 0.75f}, {1, 0}}, new int[] {0, 1},
                new int[] {2}, false);

        ModelOutputs outputs = new ModelProbe(Preprocessing.NONE, 8).run(new IdentityModel(), data, "m");

        assertThat(outputs.probabilities()[0]).containsExactly(0.25f, 0.75f);
        assertThat(outputs.description()).contains("probabilities");
    }

    @Test
    void shouldRefuseNonFiniteOutputsNamingTheSample() {
        DataTable data = PlantedData.table("d", new float[][] {{0, 1}, {Float.NaN, 1}}, new int[] {0, 1},
                new int[] {2}, false);

        assertThatThrownBy(() -> new ModelProbe(Preprocessing.NONE, 8).run(new IdentityModel(), data, "m"))
                .isInstanceOf(ModelException.class).hasMessageContaining("Sample #1");
    }

    @Test
    void shouldFindAMislabelledSampleFromTheModelsProbabilities() throws Exception {
        float[][] x = Synthetic.blobs(2, 40, 2, 6, 3);
        int[] labels = Synthetic.labels(2, 40);
        x[5] = new float[] {20, 0};
        labels[5] = 1;
        DataTable data = PlantedData.table("d", x, labels, new int[] {2}, false);
        ModelOutputs outputs = new ModelProbe(Preprocessing.NONE, 16).run(new IdentityModel(), data, "m");

        DataCheckResult result = new DataCheck(DataCheckOptions.defaults(), line -> { }).run(data, outputs, null, null);

        DetectorResult cl = result.detectors().get(0);
        assertThat(IntStream.range(0, 80).filter(i -> cl.flagged()[i]).toArray()).containsExactly(5);
        assertThat(result.report().probabilities()).contains("m (", "represented by its logits");
    }
}
