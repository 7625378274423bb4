package org.secmlops.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.gate.ReferenceMetrics;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.GateSpec;
import org.secmlops.core.result.GateSpecJson;
import org.secmlops.core.result.ResultFormatException;
import org.secmlops.core.result.ResultJson;
import picocli.CommandLine.Option;

/** The gate options shared by every gate command. */
final class GateOptions {
    @Option(names = "--gate", paramLabel = GateOption.SYNTAX, converter = GateOption.class,
            description = "A quality gate; repeatable. Without gates the command's default gates apply.")
    List<QualityGate> gates = new ArrayList<>();

    @Option(names = "--gates-file", paramLabel = "FILE",
            description = "gates.json with gates and reference metrics (written by the Jenkins plugin).")
    Path gatesFile;

    @Option(names = "--reference-result", paramLabel = "FILE",
            description = "result.json of the reference run, for DELTA gates.")
    Path referenceResult;

    /** The gates and reference of this run, from the options and files. */
    GateSpec spec() throws InputException {
        List<QualityGate> all = new ArrayList<>();
        ReferenceMetrics reference = null;
        try {
            if (gatesFile != null) {
                GateSpec fromFile = GateSpecJson.read(gatesFile);
                all.addAll(fromFile.gates());
                reference = fromFile.reference();
            }
            if (referenceResult != null) {
                GateRunResult previous = ResultJson.read(referenceResult);
                reference = new ReferenceMetrics(referenceResult.toString(), previous.metrics());
            }
        } catch (ResultFormatException e) {
            throw new InputException(e.getMessage(), e);
        }
        all.addAll(gates);
        return new GateSpec(ResultJson.SCHEMA_VERSION, all, reference);
    }
}
