package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** logits = x W with W = [[2, -2], [-2, 2]]: class 0 when x0 > x1. */
    private Path linearSavedModel() throws Exception {
        TensorProto weights = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape(2, 2))
                .addFloatVal(2).addFloatVal(-2).addFloatVal(-2).addFloatVal(2).build();
        AttrValue f = AttrValue.newBuilder().setType(DataType.DT_FLOAT).build();
        GraphDef graph = GraphDef.newBuilder()
                .addNode(NodeDef.newBuilder().setName("x").setOp("Placeholder").putAttr("dtype", f)
                        .putAttr("shape", AttrValue.newBuilder().setShape(shape(-1, 2)).build()))
                .addNode(NodeDef.newBuilder().setName("w").setOp("Const").putAttr("dtype", f)
                        .putAttr("value", AttrValue.newBuilder().setTensor(weights).build()))
                .addNode(NodeDef.newBuilder().setName("logits").setOp("MatMul").addInput("x").addInput("w")
                        .putAttr("T", f))
                .build();
        SignatureDef signature = SignatureDef.newBuilder().setMethodName("tensorflow/serving/predict")
                .putInputs("x", TensorInfo.newBuilder().setName("x:0").setDtype(DataType.DT_FLOAT)
                        .setTensorShape(shape(-1, 2)).build())
                .putOutputs("logits", TensorInfo.newBuilder().setName("logits:0").setDtype(DataType.DT_FLOAT).build())
                .build();
        SavedModel model = SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(MetaGraphDef.newBuilder()
                .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve")).setGraphDef(graph)
                .putSignatureDef("serving_default", signature)).build();
        Path modelDir = Files.createDirectories(dir.resolve("model"));
        Files.write(modelDir.resolve("saved_model.pb"), model.toByteArray());
        return modelDir;
    }

    private static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return shape.build();
    }

    /** 20 rows; the last two are labelled against the rule, so accuracy is 0.9. */
    private Path csv() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 20; i++) {
            float a = (i % 2 == 0) ? 0.9f : 0.1f;
            int label = a > 0.5f ? 0 : 1;
            if (i >= 18) {
                label = 1 - label;
            }
            csv.append(a).append(',').append(1 - a).append(',').append(label).append('\n');
        }
        return Files.writeString(dir.resolve("data.csv"), csv.toString());
    }

    @Test
    void shouldEvaluateSavedModelOnCsvAndWriteResultAndReport() throws Exception {
        Path model = linearSavedModel();
        Path reportDir = dir.resolve("report");

        int exit = SecMLOpsCli.execute("evaluate", "--model", model.toString(), "--data", csv().toString(),
                "--label-column", "label", "--batch-size", "8", "--device", "cpu", "--report-dir", reportDir.toString(),
                "--gate", "ACCURACY:0.95:FAILURE");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.FAILED.code());
        GateRunResult result = ResultJson.read(reportDir.resolve("result.json"));
        assertThat(result.capability()).isEqualTo("evaluate");
        assertThat(result.metrics()).containsKeys("ACCURACY", "ECE", "LATENCY_P95", "THROUGHPUT");
        assertThat(result.metrics().get("ACCURACY")).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(result.details().path("evaluation").path("confusion").toString()).isEqualTo("[[9,1],[1,9]]");
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("Confusion matrix", "Calibration",
                "TensorFlow 2.16.1");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[secmlops] pre-load scan", "engine TensorFlow",
                "on cpu()", "FAILED");
    }

    @Test
    void shouldPassWithDefaultGatesAndNoReference() throws Exception {
        int exit = SecMLOpsCli.execute("evaluate", "--model", linearSavedModel().toString(), "--data", csv().toString(),
                "--label-column", "-1", "--report-dir", dir.resolve("r").toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.PASSED.code());
    }

    @Test
    void shouldReportABadValueAsAnInputErrorWithLineAndColumn() throws Exception {
        Path data = Files.writeString(dir.resolve("bad.csv"), "a,b,label\n0.1,0.9,1\n0.2,oops,1\n");

        int exit = SecMLOpsCli.execute("evaluate", "--model", linearSavedModel().toString(), "--data", data.toString(),
                "--label-column", "label", "--report-dir", dir.resolve("r").toString());

        assertThat(exit).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3, column 2", "'oops' is not a number");
    }

    @Test
    void shouldRejectAnUnknownEngineAsAUsageError() throws Exception {
        int exit = SecMLOpsCli.execute("evaluate", "--model", "m", "--data", "d.csv", "--engine", "caffe",
                "--report-dir", dir.resolve("r").toString());

        assertThat(exit).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown engine 'caffe'");
    }
}
