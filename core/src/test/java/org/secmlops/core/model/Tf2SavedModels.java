package org.secmlops.core.model;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FingerprintDef;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.FunctionDefLibrary;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.VersionDef;

/**
 * Writes SavedModels laid out as TensorFlow 2 ({@code tf.saved_model.save}, Keras {@code model.save}) writes them,
 * without Python TensorFlow: the weights are resource variables ({@code VarHandleOp}) in the main graph, the
 * {@code serving_default} signature's output comes out of a {@code StatefulPartitionedCall} into a signature wrapper
 * function that calls the model's function (two levels of {@code FunctionDefLibrary}, as TensorFlow nests them), the
 * model's function reads the variables with {@code ReadVariableOp}, and the saver restores them through another
 * {@code StatefulPartitionedCall} into a {@code RestoreV2} function. {@code variables/variables.index} and
 * {@code variables/variables.data-00000-of-00001} are written by TensorFlow's runtime itself (through the native
 * library DJL ships): a graph of {@code VarHandleOp}, {@code AssignVariableOp}, {@code ReadVariableOp} and
 * {@code SaveV2} is run once in a session. With {@code keras} set, {@code keras_metadata.pb} and
 * {@code fingerprint.pb} are written beside it.
 */
final class Tf2SavedModels {
    static final String INPUT = "serving_default_inputs";
    static final String CALL = "StatefulPartitionedCall";
    private static final String WRAPPER = "__inference_signature_wrapper_1257";
    private static final String RESTORE = "__inference__traced_restore_1391";

    private Tf2SavedModels() {
    }

    /** A float resource variable, e.g. {@code dense/kernel}, with its values (row-major) and shape. */
    record Variable(String name, float[] values, long... shape) {
        /** The checkpoint key TensorFlow 2's object graph gives it. */
        String key(int index) {
            return "variables/" + index + "/.ATTRIBUTES/VARIABLE_VALUE";
        }

        /** The name of the model function's argument that receives its handle. */
        String argument() {
            return name.replace('/', '_').toLowerCase(java.util.Locale.ROOT) + "_readvariableop_resource";
        }
    }

    /** What one fixture holds: its Keras name, input shape per sample, classes, variables and forward body. */
    record Spec(String name, long[] sampleShape, int classes, List<Variable> variables, FunctionBody body,
                boolean keras) {
    }

    /** Builds the model function's nodes; {@code read(variable)} gives the tensor of a variable's value. */
    interface FunctionBody {
        /** Adds the nodes and returns the tensor (function-style, {@code node:arg:index}) of the logits. */
        String build(List<NodeDef> nodes, java.util.function.Function<Variable, String> read);
    }

    /** The digits MLP ({@code dense} 64-16 ReLU, {@code dense_1} 16-10) as a TensorFlow 2 SavedModel. */
    static Path writeDigitsMlp(Path dir, DigitsMlp mlp) throws IOException {
        return writeDigitsMlp(dir, mlp, List.of());
    }

    /** The digits MLP with {@code hidden} nodes added to the model's function (for the scanner). */
    static Path writeDigitsMlp(Path dir, DigitsMlp mlp, List<NodeDef> hidden) throws IOException {
        Variable w1 = new Variable("dense/kernel", mlp.w1, DigitsMlp.INPUTS, DigitsMlp.HIDDEN);
        Variable b1 = new Variable("dense/bias", mlp.b1, DigitsMlp.HIDDEN);
        Variable w2 = new Variable("dense_1/kernel", mlp.w2, DigitsMlp.HIDDEN, DigitsMlp.CLASSES);
        Variable b2 = new Variable("dense_1/bias", mlp.b2, DigitsMlp.CLASSES);
        return write(dir, new Spec("digits_mlp", new long[] {DigitsMlp.INPUTS}, DigitsMlp.CLASSES,
                List.of(w1, b1, w2, b2), (nodes, read) -> {
                    String h = dense(nodes, "dense", "inputs", read.apply(w1), read.apply(b1));
                    nodes.add(op("Relu", "dense/Relu", h));
                    nodes.addAll(hidden);
                    return dense(nodes, "dense_1", "dense/Relu:activations:0", read.apply(w2), read.apply(b2));
                }, true));
    }

    /**
     * The digits MLP computed through ops with list inputs and outputs, as TensorFlow 2 functions often hold them:
     * the input passes through {@code IdentityN} (a type-list input and output; its second output is used), and the
     * logits are {@code AddN(z, z) · 0.5} (a numbered list input), which is {@code z} exactly in float arithmetic.
     * With {@code customGradient} the {@code IdentityN} names a gradient registered in Python
     * ({@code _gradient_op_type}), as {@code tf.custom_gradient} leaves it.
     */
    static Path writeDigitsMlpWithListOps(Path dir, DigitsMlp mlp, boolean customGradient) throws IOException {
        Variable w1 = new Variable("dense/kernel", mlp.w1, DigitsMlp.INPUTS, DigitsMlp.HIDDEN);
        Variable b1 = new Variable("dense/bias", mlp.b1, DigitsMlp.HIDDEN);
        Variable w2 = new Variable("dense_1/kernel", mlp.w2, DigitsMlp.HIDDEN, DigitsMlp.CLASSES);
        Variable b2 = new Variable("dense_1/bias", mlp.b2, DigitsMlp.CLASSES);
        AttrValue twoFloats = AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder()
                .addType(DataType.DT_FLOAT).addType(DataType.DT_FLOAT)).build();
        return write(dir, new Spec("digits_mlp_lists", new long[] {DigitsMlp.INPUTS}, DigitsMlp.CLASSES,
                List.of(w1, b1, w2, b2), (nodes, read) -> {
                    NodeDef.Builder pair = NodeDef.newBuilder().setName("pair").setOp("IdentityN").addInput("inputs")
                            .addInput("inputs").putAttr("T", twoFloats);
                    if (customGradient) {
                        pair.putAttr("_gradient_op_type", text("CustomGradient-1071"));
                    }
                    nodes.add(pair.build());
                    String h = dense(nodes, "dense", "pair:output:1", read.apply(w1), read.apply(b1));
                    nodes.add(op("Relu", "dense/Relu", h));
                    String z = dense(nodes, "dense_1", "dense/Relu:activations:0", read.apply(w2), read.apply(b2));
                    nodes.add(op("AddN", "twice", z, z).toBuilder()
                            .putAttr("N", AttrValue.newBuilder().setI(2).build()).build());
                    nodes.add(SavedModels.constant("half", new float[] {0.5f}));
                    nodes.add(op("Mul", "logits", "twice:sum:0", "half:output:0"));
                    return "logits:z:0";
                }, false));
    }

    /**
     * The Fashion-MNIST CNN of {@link FashionNets} (conv 3×3×8 VALID, ReLU, max-pool 2×2, flatten, dense 1352-10)
     * in NHWC as a TensorFlow 2 SavedModel, with the same weights.
     */
    static Path writeFashionCnn(Path dir, FashionNets nets) throws IOException {
        Variable kernel = new Variable("conv2d/kernel", nets.kernelHwio(), 3, 3, 1, FashionNets.FILTERS);
        Variable kernelBias = new Variable("conv2d/bias", nets.convBias, FashionNets.FILTERS);
        Variable dense = new Variable("dense/kernel", nets.denseHwc(), FashionNets.FEATURES, FashionNets.CLASSES);
        Variable denseBias = new Variable("dense/bias", nets.denseBias, FashionNets.CLASSES);
        return write(dir, new Spec("fashion_cnn", new long[] {28, 28, 1}, FashionNets.CLASSES,
                List.of(kernel, kernelBias, dense, denseBias), (nodes, read) -> {
                    nodes.add(op("Conv2D", "conv2d/Conv2D", "inputs", read.apply(kernel)).toBuilder()
                            .putAttr("strides", ints(1, 1, 1, 1)).putAttr("padding", text("VALID"))
                            .putAttr("data_format", text("NHWC")).putAttr("dilations", ints(1, 1, 1, 1))
                            .putAttr("use_cudnn_on_gpu", AttrValue.newBuilder().setB(true).build()).build());
                    nodes.add(op("BiasAdd", "conv2d/BiasAdd", "conv2d/Conv2D:output:0", read.apply(kernelBias))
                            .toBuilder().putAttr("data_format", text("NHWC")).build());
                    nodes.add(op("Relu", "conv2d/Relu", "conv2d/BiasAdd:output:0"));
                    nodes.add(op("MaxPool", "max_pooling2d/MaxPool", "conv2d/Relu:activations:0").toBuilder()
                            .putAttr("ksize", ints(1, 2, 2, 1)).putAttr("strides", ints(1, 2, 2, 1))
                            .putAttr("padding", text("VALID")).putAttr("data_format", text("NHWC")).build());
                    nodes.add(intConstant("flatten/Const", -1, FashionNets.FEATURES));
                    nodes.add(op("Reshape", "flatten/Reshape", "max_pooling2d/MaxPool:output:0",
                            "flatten/Const:output:0").toBuilder().putAttr("Tshape", type(DataType.DT_INT32)).build());
                    return dense(nodes, "dense", "flatten/Reshape:output:0", read.apply(dense),
                            read.apply(denseBias));
                }, true));
    }

    private static String dense(List<NodeDef> nodes, String layer, String input, String kernel, String bias) {
        nodes.add(op("MatMul", layer + "/MatMul", input, kernel).toBuilder()
                .putAttr("transpose_a", AttrValue.newBuilder().setB(false).build())
                .putAttr("transpose_b", AttrValue.newBuilder().setB(false).build()).build());
        nodes.add(op("BiasAdd", layer + "/BiasAdd", layer + "/MatMul:product:0", bias)
                .toBuilder().putAttr("data_format", text("NHWC")).build());
        return layer + "/BiasAdd:output:0";
    }

    /** Writes the SavedModel: the checkpoint (by TensorFlow), {@code saved_model.pb} and the Keras files. */
    static Path write(Path dir, Spec spec) throws IOException {
        Files.createDirectories(dir.resolve("variables"));
        writeCheckpoint(dir.resolve("variables").resolve("variables"), spec.variables());
        List<NodeDef> modelNodes = new ArrayList<>();
        String logits = spec.body().build(modelNodes, variable -> {
            String reader = variable.name() + "/ReadVariableOp";
            modelNodes.add(NodeDef.newBuilder().setName(reader).setOp("ReadVariableOp")
                    .addInput(variable.argument()).putAttr("dtype", type(DataType.DT_FLOAT)).build());
            return reader + ":value:0";
        });
        return writeGraph(dir, spec, modelNodes, logits, List.of());
    }

    /**
     * Writes {@code saved_model.pb} with the model function's nodes (and any extra functions in the library); the
     * checkpoint must already be in {@code variables/}.
     */
    static Path writeGraph(Path dir, Spec spec, List<NodeDef> modelNodes, String logits, List<FunctionDef> extra)
            throws IOException {
        List<Variable> variables = spec.variables();
        String modelFunction = "__inference_" + spec.name() + "_layer_call_and_return_conditional_losses_1105";
        modelNodes.add(NodeDef.newBuilder().setName("Identity").setOp("Identity").addInput(logits)
                .putAttr("T", type(DataType.DT_FLOAT)).build());
        OpDef.Builder modelSignature = OpDef.newBuilder().setName(modelFunction).setIsStateful(true)
                .addInputArg(arg("inputs", DataType.DT_FLOAT))
                .addOutputArg(arg("identity", DataType.DT_FLOAT));
        for (Variable variable : variables) {
            modelSignature.addInputArg(arg(variable.argument(), DataType.DT_RESOURCE));
        }
        FunctionDef model = FunctionDef.newBuilder().setSignature(modelSignature).addAllNodeDef(modelNodes)
                .putRet("identity", "Identity:output:0").build();

        OpDef.Builder wrapperSignature = OpDef.newBuilder().setName(WRAPPER).setIsStateful(true)
                .addInputArg(arg("inputs", DataType.DT_FLOAT))
                .addOutputArg(arg("output_0", DataType.DT_FLOAT));
        List<String> wrapperInputs = new ArrayList<>(List.of("inputs"));
        for (int i = 0; i < variables.size(); i++) {
            String unknown = i == 0 ? "unknown" : "unknown_" + (i - 1);
            wrapperSignature.addInputArg(arg(unknown, DataType.DT_RESOURCE));
            wrapperInputs.add(unknown);
        }
        FunctionDef wrapper = FunctionDef.newBuilder().setSignature(wrapperSignature)
                .addNodeDef(call(CALL, wrapperInputs, variables.size(), modelFunction, DataType.DT_FLOAT))
                .addNodeDef(NodeDef.newBuilder().setName("Identity").setOp("Identity")
                        .addInput(CALL + ":output:0").putAttr("T", type(DataType.DT_FLOAT)))
                .putRet("output_0", "Identity:output:0").build();

        long[] batchShape = new long[spec.sampleShape().length + 1];
        batchShape[0] = -1;
        System.arraycopy(spec.sampleShape(), 0, batchShape, 1, spec.sampleShape().length);
        GraphDef.Builder graph = GraphDef.newBuilder().setVersions(VersionDef.newBuilder().setProducer(1645))
                .addNode(NodeDef.newBuilder().setName(INPUT).setOp("Placeholder")
                        .putAttr("dtype", type(DataType.DT_FLOAT))
                        .putAttr("shape", AttrValue.newBuilder().setShape(SavedModels.shape(batchShape)).build()));
        List<String> callInputs = new ArrayList<>(List.of(INPUT));
        List<String> restoreInputs = new ArrayList<>(List.of("saver_filename"));
        for (Variable variable : variables) {
            graph.addNode(varHandle(variable));
            callInputs.add(variable.name());
            restoreInputs.add(variable.name());
        }
        graph.addNode(call(CALL, callInputs, variables.size(), WRAPPER, DataType.DT_FLOAT));
        graph.addNode(NodeDef.newBuilder().setName("saver_filename").setOp("Placeholder")
                .putAttr("dtype", type(DataType.DT_STRING))
                .putAttr("shape", AttrValue.newBuilder().setShape(SavedModels.shape()).build()));
        graph.addNode(call(CALL + "_2", restoreInputs, variables.size(), RESTORE, DataType.DT_STRING));
        FunctionDefLibrary.Builder library = FunctionDefLibrary.newBuilder().addFunction(wrapper).addFunction(model)
                .addFunction(restoreFunction(variables)).addAllFunction(extra);
        graph.setLibrary(library);

        SignatureDef signature = SignatureDef.newBuilder().setMethodName("tensorflow/serving/predict")
                .putInputs("inputs", TensorInfo.newBuilder().setName(INPUT + ":0").setDtype(DataType.DT_FLOAT)
                        .setTensorShape(SavedModels.shape(batchShape)).build())
                .putOutputs("output_0", TensorInfo.newBuilder().setName(CALL + ":0").setDtype(DataType.DT_FLOAT)
                        .setTensorShape(SavedModels.shape(-1, spec.classes())).build())
                .build();
        MetaGraphDef meta = MetaGraphDef.newBuilder()
                .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve")
                        .setTensorflowVersion("2.16.1").setTensorflowGitVersion("v2.16.0-rc0-18-g5bc9d26649c"))
                .setGraphDef(graph)
                .setSaverDef(SaverDef.newBuilder().setFilenameTensorName("saver_filename:0")
                        .setSaveTensorName("StatefulPartitionedCall_1:0").setRestoreOpName(CALL + "_2")
                        .setVersion(SaverDef.CheckpointFormatVersion.V2))
                .putSignatureDef("serving_default", signature)
                .build();
        Files.write(dir.resolve("saved_model.pb"),
                SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(meta).build().toByteArray());
        if (spec.keras()) {
            Files.write(dir.resolve("keras_metadata.pb"), kerasMetadata(spec));
            Files.write(dir.resolve("fingerprint.pb"), FingerprintDef.newBuilder().setSavedModelChecksum(
                    0x5ec31ab5L).setGraphDefProgramHash(1L).setSignatureDefHash(2L).setSavedObjectGraphHash(3L)
                    .setCheckpointHash(4L).build().toByteArray());
        }
        return dir;
    }

    /**
     * Runs {@code VarHandleOp → AssignVariableOp} for each variable, then {@code ReadVariableOp → SaveV2}, in one
     * TensorFlow session: {@code prefix.index} and {@code prefix.data-00000-of-00001} are TensorFlow's own.
     */
    static void writeCheckpoint(Path prefix, List<Variable> variables) {
        startTensorFlow();
        GraphDef.Builder graph = GraphDef.newBuilder().setVersions(VersionDef.newBuilder().setProducer(1645));
        NodeDef.Builder assigned = NodeDef.newBuilder().setName("init").setOp("NoOp");
        NodeDef.Builder save = NodeDef.newBuilder().setName("save/SaveV2").setOp("SaveV2")
                .addInput("save/prefix").addInput("save/tensor_names").addInput("save/shape_and_slices");
        AttrValue.ListValue.Builder dtypes = AttrValue.ListValue.newBuilder();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable variable = variables.get(i);
            graph.addNode(varHandle(variable));
            graph.addNode(SavedModels.constant(variable.name() + "/initial_value", variable.values(),
                    variable.shape()));
            graph.addNode(NodeDef.newBuilder().setName(variable.name() + "/Assign").setOp("AssignVariableOp")
                    .addInput(variable.name()).addInput(variable.name() + "/initial_value")
                    .putAttr("dtype", type(DataType.DT_FLOAT)));
            assigned.addInput("^" + variable.name() + "/Assign");
            graph.addNode(NodeDef.newBuilder().setName(variable.name() + "/Read").setOp("ReadVariableOp")
                    .addInput(variable.name()).putAttr("dtype", type(DataType.DT_FLOAT)));
            save.addInput(variable.name() + "/Read");
            dtypes.addType(DataType.DT_FLOAT);
            keys.add(variable.key(i));
        }
        graph.addNode(assigned);
        graph.addNode(stringConstant("save/prefix", List.of(prefix.toAbsolutePath().toString()), false));
        graph.addNode(stringConstant("save/tensor_names", keys, true));
        graph.addNode(stringConstant("save/shape_and_slices", keys.stream().map(k -> "").toList(), true));
        graph.addNode(save.putAttr("dtypes", AttrValue.newBuilder().setList(dtypes).build()));
        try (Graph g = new Graph()) {
            g.importGraphDef(graph.build());
            try (Session session = new Session(g)) {
                session.runner().addTarget("init").run().close();
                session.runner().addTarget("save/SaveV2").run().close();
            }
        }
    }

    private static void startTensorFlow() {
        try {
            NativeLibraryProvisioner.fromSystemProperties(line -> { }).provision(EngineKind.TENSORFLOW);
        } catch (NativeLibraryException e) {
            throw new IllegalStateException(e);
        }
        ai.djl.engine.Engine.getEngine(EngineKind.TENSORFLOW.djlName());
    }

    /** {@code RestoreV2} of every variable's key and an {@code AssignVariableOp} into its handle. */
    private static FunctionDef restoreFunction(List<Variable> variables) {
        OpDef.Builder signature = OpDef.newBuilder().setName(RESTORE).setIsStateful(true)
                .addInputArg(arg("file_prefix", DataType.DT_STRING))
                .addOutputArg(arg("identity_" + (variables.size() + 1), DataType.DT_STRING));
        FunctionDef.Builder function = FunctionDef.newBuilder();
        List<String> keys = new ArrayList<>();
        AttrValue.ListValue.Builder dtypes = AttrValue.ListValue.newBuilder();
        NodeDef.Builder noOp = NodeDef.newBuilder().setName("NoOp").setOp("NoOp");
        for (int i = 0; i < variables.size(); i++) {
            String handle = "assignvariableop_" + i + "_resource";
            signature.addInputArg(arg(handle, DataType.DT_RESOURCE));
            keys.add(variables.get(i).key(i));
            dtypes.addType(DataType.DT_FLOAT);
            String assign = "AssignVariableOp_" + i;
            function.addNodeDef(NodeDef.newBuilder().setName("Identity_" + i).setOp("Identity")
                    .addInput("RestoreV2:tensors:" + i).putAttr("T", type(DataType.DT_FLOAT)));
            function.addNodeDef(NodeDef.newBuilder().setName(assign).setOp("AssignVariableOp").addInput(handle)
                    .addInput("Identity_" + i + ":output:0").putAttr("dtype", type(DataType.DT_FLOAT)));
            noOp.addInput("^" + assign);
            signature.addControlOutput(assign);
            function.putControlRet(assign, assign);
        }
        function.addNodeDef(stringConstant("RestoreV2/tensor_names", keys, true));
        function.addNodeDef(stringConstant("RestoreV2/shape_and_slices", keys.stream().map(k -> "").toList(), true));
        function.addNodeDef(NodeDef.newBuilder().setName("RestoreV2").setOp("RestoreV2").addInput("file_prefix")
                .addInput("RestoreV2/tensor_names:output:0").addInput("RestoreV2/shape_and_slices:output:0")
                .putAttr("dtypes", AttrValue.newBuilder().setList(dtypes).build()));
        function.addNodeDef(noOp);
        String out = "Identity_" + (variables.size() + 1);
        function.addNodeDef(NodeDef.newBuilder().setName(out).setOp("Identity").addInput("file_prefix")
                .addInput("^NoOp").putAttr("T", type(DataType.DT_STRING)));
        return function.setSignature(signature).putRet("identity_" + (variables.size() + 1), out + ":output:0")
                .build();
    }

    /** A {@code StatefulPartitionedCall} of {@code function} on a float or string argument and the handles. */
    static NodeDef call(String name, List<String> inputs, int handles, String function, DataType first) {
        AttrValue.ListValue.Builder in = AttrValue.ListValue.newBuilder().addType(first);
        AttrValue.ListValue.Builder readOnly = AttrValue.ListValue.newBuilder();
        for (int i = 0; i < handles; i++) {
            in.addType(DataType.DT_RESOURCE);
            readOnly.addI(i + 1);
        }
        return NodeDef.newBuilder().setName(name).setOp("StatefulPartitionedCall").addAllInput(inputs)
                .putAttr("Tin", AttrValue.newBuilder().setList(in).build())
                .putAttr("Tout", AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder().addType(first))
                        .build())
                .putAttr("f", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName(function)).build())
                .putAttr("config", text(""))
                .putAttr("config_proto", text(""))
                .putAttr("executor_type", text(""))
                .putAttr("_read_only_resource_inputs", AttrValue.newBuilder().setList(
                        first == DataType.DT_FLOAT ? readOnly : AttrValue.ListValue.newBuilder()).build())
                .putAttr("_collective_manager_ids", AttrValue.newBuilder().setList(
                        AttrValue.ListValue.newBuilder()).build())
                .build();
    }

    private static NodeDef varHandle(Variable variable) {
        return NodeDef.newBuilder().setName(variable.name()).setOp("VarHandleOp")
                .putAttr("dtype", type(DataType.DT_FLOAT))
                .putAttr("shape", AttrValue.newBuilder().setShape(SavedModels.shape(variable.shape())).build())
                .putAttr("shared_name", text(variable.name()))
                .putAttr("container", text(""))
                .putAttr("allowed_devices", AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder()).build())
                .build();
    }

    /**
     * {@code keras_metadata.pb} as Keras writes it ({@code SavedMetadata.nodes → SavedObject}: version, node path,
     * identifier, JSON metadata): the model's name, its input shape and its layers.
     */
    private static byte[] kerasMetadata(Spec spec) {
        StringBuilder shape = new StringBuilder("[null");
        for (long d : spec.sampleShape()) {
            shape.append(", ").append(d);
        }
        shape.append(']');
        String json = "{\"name\": \"" + spec.name() + "\", \"trainable\": true, \"expects_training_arg\": true, "
                + "\"dtype\": \"float32\", \"batch_input_shape\": " + shape + ", \"must_restore_from_config\": false, "
                + "\"class_name\": \"Sequential\", \"config\": {\"name\": \"" + spec.name() + "\", \"layers\": []}, "
                + "\"build_input_shape\": " + shape + ", \"is_graph_network\": true, \"keras_version\": \"2.15.0\"}";
        return OnnxModels.toBytes(out -> out.writeBytes(1, OnnxModels.message(node -> {
            node.writeInt32(1, 2);
            node.writeString(2, "root");
            node.writeString(3, "_tf_keras_sequential");
            node.writeBytes(4, OnnxModels.message(version -> {
                version.writeInt32(1, 1);
                version.writeInt32(2, 1);
            }));
            node.writeString(5, json);
        })));
    }

    static NodeDef op(String type, String name, String... inputs) {
        NodeDef.Builder node = NodeDef.newBuilder().setName(name).setOp(type).putAttr("T", type(DataType.DT_FLOAT));
        for (String input : inputs) {
            node.addInput(input);
        }
        return node.build();
    }

    static OpDef.ArgDef arg(String name, DataType type) {
        return OpDef.ArgDef.newBuilder().setName(name).setType(type).build();
    }

    static AttrValue type(DataType type) {
        return AttrValue.newBuilder().setType(type).build();
    }

    static AttrValue text(String value) {
        return AttrValue.newBuilder().setS(ByteString.copyFromUtf8(value)).build();
    }

    private static AttrValue ints(long... values) {
        AttrValue.ListValue.Builder list = AttrValue.ListValue.newBuilder();
        for (long v : values) {
            list.addI(v);
        }
        return AttrValue.newBuilder().setList(list).build();
    }

    private static NodeDef intConstant(String name, int... values) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setDtype(DataType.DT_INT32)
                .setTensorShape(SavedModels.shape(values.length));
        for (int v : values) {
            tensor.addIntVal(v);
        }
        return NodeDef.newBuilder().setName(name).setOp("Const").putAttr("dtype", type(DataType.DT_INT32))
                .putAttr("value", AttrValue.newBuilder().setTensor(tensor).build()).build();
    }

    static NodeDef stringConstant(String name, List<String> values, boolean vector) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                .setTensorShape(vector ? SavedModels.shape(values.size()) : SavedModels.shape());
        for (String v : values) {
            tensor.addStringVal(ByteString.copyFromUtf8(v));
        }
        return NodeDef.newBuilder().setName(name).setOp("Const").putAttr("dtype", type(DataType.DT_STRING))
                .putAttr("value", AttrValue.newBuilder().setTensor(tensor).build()).build();
    }
}
