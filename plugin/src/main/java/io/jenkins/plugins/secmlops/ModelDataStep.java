package io.jenkins.plugins.secmlops;

import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What every step that loads a model and reads a labelled dataset has besides {@link ModelStep}'s options: the data
 * and how to read its samples and labels. The worker validates every value; the options map one to one to the
 * command line's {@code --data}, {@code --label-column}, ...
 */
public abstract class ModelDataStep extends ModelStep {
    private String data;
    private String labelColumn;
    private String labels;
    private Integer batchSize;
    private boolean noHeader;
    private boolean grayscale;

    protected ModelDataStep(String model, String data) {
        super(model);
        this.data = blankToNull(data);
    }

    public String getData() {
        return data;
    }

    public String getLabelColumn() {
        return labelColumn;
    }

    /** The label column of CSV/TSV data, by name or zero-based index. */
    @DataBoundSetter
    public void setLabelColumn(String labelColumn) {
        this.labelColumn = blankToNull(labelColumn);
    }

    public String getLabels() {
        return labels;
    }

    /** The label file of IDX or {@code .npy} data. */
    @DataBoundSetter
    public void setLabels(String labels) {
        this.labels = blankToNull(labels);
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    @DataBoundSetter
    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public boolean isNoHeader() {
        return noHeader;
    }

    /** The CSV/TSV data has no header line (then labelColumn is an index). */
    @DataBoundSetter
    public void setNoHeader(boolean noHeader) {
        this.noHeader = noHeader;
    }

    public boolean isGrayscale() {
        return grayscale;
    }

    /** Read images as one gray channel instead of RGB. */
    @DataBoundSetter
    public void setGrayscale(boolean grayscale) {
        this.grayscale = grayscale;
    }

    /**
     * The worker arguments for the model (when set), the data and their options.
     *
     * @throws IllegalArgumentException if the data, or a required model, is missing
     */
    protected List<String> modelDataArguments(boolean modelRequired) {
        if (data == null) {
            throw new IllegalArgumentException(functionName() + " needs data: the dataset to read");
        }
        if (getModel() == null && modelRequired) {
            throw new IllegalArgumentException(functionName()
                    + " needs model: a TensorFlow SavedModel folder, a TorchScript .pt or an ONNX file");
        }
        List<String> arguments = new ArrayList<>();
        option(arguments, "--model", getModel());
        option(arguments, dataOption(), data);
        option(arguments, "--label-column", labelColumn);
        option(arguments, "--labels", labels);
        modelOptions(arguments);
        if (noHeader) {
            arguments.add("--no-header");
        }
        if (grayscale) {
            arguments.add("--grayscale");
        }
        preprocessingOptions(arguments);
        option(arguments, "--batch-size", batchSize == null ? null : batchSize.toString());
        return arguments;
    }

    /** The worker option the data goes to: {@code --data}, or the reference data of {@code monitorModel}. */
    protected String dataOption() {
        return "--data";
    }
}
