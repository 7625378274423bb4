package org.secmlops.core.detection;

import java.util.Objects;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.report.ClassNames;

/**
 * One detector evaluation, as {@link DetectionRun#run} takes it: the model, the data and the output layout are
 * required; the rest is optional.
 *
 * <pre>{@code
 * DetectionRequest request = DetectionRequest.builder(ModelSpec.of(model),
 *                 DetectionDataSpec.of(annotations).withImageSize(384, 288, false), DetectionLayout.YOLOV5)
 *         .preprocessing(PreprocessingSpec.builder().inputRange(0f, 1f).layout(Layout.NCHW).build())
 *         .attacks(new DetectionAttackPlan(List.of("pgd", "patch"), 8f / 255, 10, 20, 0.3f, 200, 32, 500,
 *                 List.of("fog"), List.of(1, 3, 5), 1))
 *         .build();
 * }</pre>
 *
 * @param model          the detector
 * @param data           the annotated images
 * @param preprocessing  the declared preprocessing; its layout defaults to NCHW
 * @param layout         the output layout
 * @param classes        the number of classes of a raw layout, or 0 for the data's number of classes
 * @param scoreThreshold the operating score threshold
 * @param nmsIou         the NMS IoU threshold
 * @param attacks        the attacks and corruptions
 * @param classNames     class names by index for the report, or none for the data's
 */
public record DetectionRequest(ModelSpec model, DetectionDataSpec data, PreprocessingSpec preprocessing,
        DetectionLayout layout, int classes, float scoreThreshold, float nmsIou, DetectionAttackPlan attacks,
        ClassNames classNames) {
    public DetectionRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(attacks, "attacks");
        Objects.requireNonNull(classNames, "classNames");
        if (classes < 0) {
            throw new IllegalArgumentException("the number of classes must not be negative: " + classes);
        }
        DetectionDecoder.of(layout, Math.max(1, classes)).withThresholds(scoreThreshold, nmsIou);
    }

    /** A request with the required values and the defaults of the optional ones. */
    public static Builder builder(ModelSpec model, DetectionDataSpec data, DetectionLayout layout) {
        return new Builder(model, data, layout);
    }

    /** Builds a {@link DetectionRequest}. */
    public static final class Builder {
        private final ModelSpec model;
        private final DetectionDataSpec data;
        private final DetectionLayout layout;
        private PreprocessingSpec preprocessing = PreprocessingSpec.NONE;
        private int classes;
        private float scoreThreshold = DetectionDecoder.DEFAULT_SCORE_THRESHOLD;
        private float nmsIou = DetectionDecoder.DEFAULT_NMS_IOU;
        private DetectionAttackPlan attacks = DetectionAttackPlan.NONE;
        private ClassNames classNames = ClassNames.NONE;

        private Builder(ModelSpec model, DetectionDataSpec data, DetectionLayout layout) {
            this.model = model;
            this.data = data;
            this.layout = layout;
        }

        public Builder preprocessing(PreprocessingSpec value) {
            preprocessing = value;
            return this;
        }

        /** The number of classes of a raw layout; default 0: the data's. */
        public Builder classes(int value) {
            classes = value;
            return this;
        }

        public Builder scoreThreshold(float value) {
            scoreThreshold = value;
            return this;
        }

        public Builder nmsIou(float value) {
            nmsIou = value;
            return this;
        }

        public Builder attacks(DetectionAttackPlan value) {
            attacks = value;
            return this;
        }

        public Builder classNames(ClassNames value) {
            classNames = value;
            return this;
        }

        /** @throws IllegalArgumentException as the constructor does */
        public DetectionRequest build() {
            return new DetectionRequest(model, data, preprocessing, layout, classes, scoreThreshold, nmsIou, attacks,
                    classNames);
        }
    }
}
