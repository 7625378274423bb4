package org.secmlops.core.detection;

import java.util.List;
import java.util.Objects;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Layout;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.OutputsAndGradient;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.SampleGeometry;

/**
 * A loaded model seen as a detector: images are preprocessed into its input, its outputs decoded into boxes. Inputs
 * are in the model's input space (after preprocessing), where attacks work; {@link #bounds} is the image of the
 * 8-bit range there. Not thread-safe, as the model.
 */
public final class Detector {
    private final LoadedModel model;
    private final Preprocessing preprocessing;
    private final DetectionDecoder decoder;
    private final int[] rawShape;
    private final InputBounds bounds;
    private final SampleGeometry geometry;

    /**
     * @param model         the loaded model
     * @param preprocessing its preprocessing (a layout for image data)
     * @param decoder       how its output is decoded
     * @param rawShape      the fitted images' shape {@code [height, width, 3]}
     * @throws DatasetException when the preprocessing does not fit the images
     */
    public Detector(LoadedModel model, Preprocessing preprocessing, DetectionDecoder decoder, int[] rawShape)
            throws DatasetException {
        this.model = Objects.requireNonNull(model, "model");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.rawShape = rawShape.clone();
        this.bounds = InputBounds.ofEightBit(preprocessing, rawShape);
        int[] shape = preprocessing.shape(rawShape);
        this.geometry = SampleGeometry.of(shape, preprocessing.layout() == Layout.NCHW);
    }

    public LoadedModel model() {
        return model;
    }

    public DetectionDecoder decoder() {
        return decoder;
    }

    /** The valid range of every input value. */
    public InputBounds bounds() {
        return bounds;
    }

    /** Where pixel and channel sit in an input vector. */
    public SampleGeometry geometry() {
        return geometry;
    }

    /** The model input of a fitted image. */
    public float[] input(DetectionSample sample) {
        return preprocessing.apply(sample.pixels(), rawShape);
    }

    /** The raw output of one input. */
    public float[] output(float[] input) throws ModelException {
        return model.predict(new float[][] {input})[0];
    }

    /** The decoded detections of one input. */
    public List<Box> detect(float[] input) throws ModelException {
        return decode(output(input));
    }

    /**
     * The detections of one raw output.
     *
     * @throws ModelException when the output does not fit the layout or holds non-finite boxes
     */
    public List<Box> decode(float[] output) throws ModelException {
        try {
            return decoder.decode(output);
        } catch (IllegalArgumentException e) {
            throw new ModelException("The model's output is not a " + decoder.layout().id() + " detection output: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The candidates of one raw output scoring at least {@code floor}.
     *
     * @throws ModelException when the output does not fit the layout or holds non-finite boxes
     */
    public List<Candidate> candidates(float[] output, float floor) throws ModelException {
        try {
            return decoder.candidates(output, floor);
        } catch (IllegalArgumentException e) {
            throw new ModelException("The model's output is not a " + decoder.layout().id() + " detection output: "
                    + e.getMessage(), e);
        }
    }

    /** Whether {@link #lossGradient} is available (the engine's vector–Jacobian product). */
    public boolean supportsGradients() {
        return model.supportsVectorJacobian();
    }

    /**
     * The output of one input and the input gradient of a loss on its candidates.
     *
     * @param loss gives the loss's upstream gradient for the candidates of the output
     */
    public OutputsAndGradient lossGradient(float[] input, DetectionLoss loss) throws ModelException {
        return model.vectorJacobian(new float[][] {input}, outputs -> new float[][] {loss.upstream(this,
                outputs[0])});
    }
}
