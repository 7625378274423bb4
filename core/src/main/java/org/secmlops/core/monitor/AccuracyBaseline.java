package org.secmlops.core.monitor;

import java.nio.file.Path;
import org.secmlops.core.capability.evaluate.CalibrationBin;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.evaluate.EvaluationReport;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultFormatException;
import org.secmlops.core.result.ResultJson;

/**
 * The accuracy and mean confidence of an {@code evaluateModel} run ({@code result.json}), the baseline the window's
 * accuracy and confidence are compared with.
 *
 * @param source     the result file, as named
 * @param accuracy   the evaluation's accuracy
 * @param confidence the evaluation's mean top probability (from its calibration bins)
 */
record AccuracyBaseline(String source, double accuracy, double confidence) {
    /**
     * Reads the baseline.
     *
     * @throws DatasetException when the file is not a result, or not one of an evaluation
     */
    static AccuracyBaseline read(Path file) throws DatasetException {
        GateRunResult result;
        try {
            result = ResultJson.read(file);
        } catch (ResultFormatException e) {
            throw new DatasetException("The baseline result " + file + " cannot be read: " + e.getMessage(), e);
        }
        String evaluate = EvaluateCapability.INSTANCE.id();
        if (!evaluate.equals(result.capability())) {
            throw new DatasetException("The baseline result " + file + " is a result of " + result.capability()
                    + ", not of " + evaluate + " (evaluateModel, secmlops evaluate)");
        }
        EvaluationReport report;
        try {
            report = EvaluateCapability.report(result.details());
        } catch (IllegalArgumentException e) {
            throw new DatasetException("The baseline result " + file + " has no evaluation details", e);
        }
        long count = 0;
        double sum = 0;
        for (CalibrationBin bin : report.calibration()) {
            if (bin.count() == 0 || !Double.isFinite(bin.confidence())) {
                continue;
            }
            count += bin.count();
            sum += bin.count() * bin.confidence();
        }
        return new AccuracyBaseline(file.toString(), report.accuracy(), count == 0 ? Double.NaN : sum / count);
    }
}
