package org.secmlops.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.internal.c_api.TF_Buffer;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Operation;
import org.tensorflow.internal.c_api.TF_OperationDescription;
import org.tensorflow.internal.c_api.TF_Output;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

/**
 * Copies the body of the function behind a signature output into the loaded graph, as TensorFlow 2 SavedModels
 * need: their signature's output comes out of a {@code StatefulPartitionedCall} whose function reads resource
 * variables, and TensorFlow cannot differentiate that call ({@code SymbolicGradient} declares a float gradient for
 * every input, the resource handles included, and fails at run time). The copy uses the same ops with the same
 * attributes on the same inputs (the placeholder, the main graph's {@code VarHandleOp}s, so the restored variables),
 * so its output equals the call's; gradients, attack steps and the penultimate layer are then ordinary graph ops.
 *
 * <p>Nested calls ({@code PartitionedCall}, {@code StatefulPartitionedCall} to a function of the library) are
 * inlined in turn; other ops that name functions ({@code If}, {@code While}) are copied as they are and run their
 * functions from the graph's library. An {@code IdentityN} without a custom gradient is not copied: its consumers
 * read its inputs. Only what the output depends on is copied: side effects of the function
 * (ops reached through its control outputs only) are not run by the copy. New ops are named
 * {@value #PREFIX}{@code /<call>/<node>}.
 */
final class TfFunctionInliner {
    static final String PREFIX = "secmlops_inlined";
    private static final Set<String> CALLS = Set.of("StatefulPartitionedCall", "PartitionedCall");
    private static final int MAX_DEPTH = 32;

    /** The copy's output tensor ({@code op:index}) and its nodes, named as in the graph. */
    record Inlined(String output, GraphDef nodes) {
    }

    private record Tensor(TF_Operation op, int index) {
        String name() {
            return op.isNull() ? "?" : tensorflow.TF_OperationName(op).getString() + ":" + index;
        }
    }

    private final TF_Graph graph;
    private final Map<String, FunctionDef> library = new HashMap<>();
    private final Map<String, OpDef> opDefs = new HashMap<>();
    private final GraphDef.Builder added = GraphDef.newBuilder();
    private final TF_Status status;

    private TfFunctionInliner(TF_Graph graph, GraphDef graphDef, TF_Status status) {
        this.graph = graph;
        this.status = status;
        for (FunctionDef function : graphDef.getLibrary().getFunctionList()) {
            library.put(function.getSignature().getName(), function);
        }
    }

    /**
     * Inlines the function behind {@code output} when that tensor comes out of a call into the graph's library.
     *
     * @param graph    the loaded graph (ops are added to it)
     * @param graphDef the graph's definition with its function library
     * @param output   the signature's output tensor, e.g. {@code StatefulPartitionedCall:0}
     * @return the copy, or empty when the output is not a function call's
     * @throws ModelException when the function uses what cannot be copied (attribute placeholders, unknown ops)
     */
    static Optional<Inlined> inline(TF_Graph graph, GraphDef graphDef, String output) throws ModelException {
        NodeDef node = graphDef.getNodeList().stream().filter(n -> n.getName().equals(nodeName(output)))
                .findFirst().orElse(null);
        if (node == null || !CALLS.contains(node.getOp()) || !node.getAttrMap().containsKey("f")) {
            return Optional.empty();
        }
        try (PointerScope ignored = new PointerScope()) {
            TfFunctionInliner inliner = new TfFunctionInliner(graph, graphDef, TF_Status.newStatus());
            List<Tensor> arguments = new ArrayList<>();
            for (String input : node.getInputList()) {
                if (!input.startsWith("^")) {
                    arguments.add(inliner.graphTensor(input));
                }
            }
            List<Tensor> outputs = inliner.call(node, arguments, PREFIX + "/" + node.getName(), 0);
            int index = outputIndex(output);
            if (index >= outputs.size()) {
                throw new ModelException("The call " + node.getName() + " has no output " + index);
            }
            return Optional.of(new Inlined(outputs.get(index).name(), inliner.added.build()));
        } catch (ModelException | RuntimeException e) {
            throw new ModelException("Cannot inline the function behind " + output + ": " + e.getMessage(), e);
        }
    }

    private List<Tensor> call(NodeDef node, List<Tensor> arguments, String scope, int depth) throws ModelException {
        String name = node.getAttrOrThrow("f").getFunc().getName();
        FunctionDef function = library.get(name);
        if (function == null) {
            throw new ModelException("The function " + name + " called by " + node.getName()
                    + " is not in the graph's library");
        }
        if (depth > MAX_DEPTH) {
            throw new ModelException("Function calls nest deeper than " + MAX_DEPTH + " at " + name);
        }
        return new Body(function, arguments, scope, depth).outputs();
    }

    /** One function body being copied: its arguments, the nodes copied so far. */
    private final class Body {
        private final FunctionDef function;
        private final Map<String, Tensor> arguments = new HashMap<>();
        private final Map<String, NodeDef> nodes = new HashMap<>();
        private final Map<String, TF_Operation> copied = new HashMap<>();
        private final Map<String, List<Tensor>> calls = new HashMap<>();
        private final Set<String> visiting = new HashSet<>();
        private final String scope;
        private final int depth;

        Body(FunctionDef function, List<Tensor> arguments, String scope, int depth) throws ModelException {
            this.function = function;
            this.scope = scope;
            this.depth = depth;
            List<OpDef.ArgDef> inputs = function.getSignature().getInputArgList();
            if (inputs.size() != arguments.size()) {
                throw new ModelException("The function " + function.getSignature().getName() + " takes "
                        + inputs.size() + " arguments, the call passes " + arguments.size());
            }
            for (int i = 0; i < inputs.size(); i++) {
                this.arguments.put(inputs.get(i).getName(), arguments.get(i));
            }
            for (NodeDef node : function.getNodeDefList()) {
                nodes.put(node.getName(), node);
            }
        }

        List<Tensor> outputs() throws ModelException {
            List<Tensor> outputs = new ArrayList<>();
            for (OpDef.ArgDef output : function.getSignature().getOutputArgList()) {
                String ret = function.getRetMap().get(output.getName());
                if (ret == null) {
                    throw new ModelException("The function " + function.getSignature().getName()
                            + " does not return its output " + output.getName());
                }
                outputs.add(tensor(ret));
            }
            return outputs;
        }

        /** A function-style reference: an argument, or {@code node:output_arg:index}. */
        private Tensor tensor(String reference) throws ModelException {
            String[] parts = reference.split(":");
            if (parts.length == 1) {
                Tensor argument = arguments.get(reference);
                if (argument == null) {
                    throw new ModelException("Unknown argument " + reference);
                }
                return argument;
            }
            int index = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
            NodeDef node = node(parts[0]);
            if (isPlainIdentityN(node)) {
                List<String> data = node.getInputList().stream().filter(input -> !input.startsWith("^")).toList();
                if (index >= data.size()) {
                    throw new ModelException("The node " + node.getName() + " has no output " + index);
                }
                return tensor(data.get(index));
            }
            if (isCall(node)) {
                List<Tensor> outputs = copyCall(node);
                if (index >= outputs.size()) {
                    throw new ModelException("The call " + node.getName() + " has no output " + index);
                }
                return outputs.get(index);
            }
            TF_Operation op = copy(node);
            return new Tensor(op, outputOffset(op, node.getOp(), parts[1]) + index);
        }

        private NodeDef node(String name) throws ModelException {
            NodeDef node = nodes.get(name);
            if (node == null) {
                throw new ModelException("The function " + function.getSignature().getName() + " has no node "
                        + name);
            }
            return node;
        }

        /**
         * An {@code IdentityN} without a custom gradient: its outputs are its inputs, which the copy uses directly
         * (TensorFlow's C++ gradients have none for {@code IdentityN}). One that names a custom gradient
         * ({@code _gradient_op_type}, registered in Python only) is copied, so differentiating it fails saying so
         * instead of silently using another gradient.
         */
        private boolean isPlainIdentityN(NodeDef node) {
            return node.getOp().equals("IdentityN") && !node.getAttrMap().containsKey("_gradient_op_type");
        }

        private boolean isCall(NodeDef node) {
            return CALLS.contains(node.getOp()) && node.getAttrMap().containsKey("f")
                    && library.containsKey(node.getAttrOrThrow("f").getFunc().getName());
        }

        private List<Tensor> copyCall(NodeDef node) throws ModelException {
            List<Tensor> done = calls.get(node.getName());
            if (done != null) {
                return done;
            }
            enter(node);
            List<Tensor> arguments = new ArrayList<>();
            for (String input : node.getInputList()) {
                if (!input.startsWith("^")) {
                    arguments.add(tensor(input));
                }
            }
            List<Tensor> outputs = call(node, arguments, scope + "/" + node.getName(), depth + 1);
            visiting.remove(node.getName());
            calls.put(node.getName(), outputs);
            return outputs;
        }

        private void enter(NodeDef node) throws ModelException {
            if (!visiting.add(node.getName())) {
                throw new ModelException("The function " + function.getSignature().getName()
                        + " has a cycle through " + node.getName());
            }
        }

        private TF_Operation copy(NodeDef node) throws ModelException {
            TF_Operation done = copied.get(node.getName());
            if (done != null) {
                return done;
            }
            enter(node);
            OpDef opDef = opDef(node.getOp());
            List<List<Tensor>> inputs = new ArrayList<>();
            List<TF_Operation> controls = new ArrayList<>();
            List<String> data = new ArrayList<>();
            for (String input : node.getInputList()) {
                if (input.startsWith("^")) {
                    NodeDef control = node(input.substring(1));
                    if (!isCall(control)) {
                        controls.add(copy(control));
                    }
                } else {
                    data.add(input);
                }
            }
            int next = 0;
            NodeDef.Builder copy = NodeDef.newBuilder().setName(scope + "/" + node.getName()).setOp(node.getOp());
            for (OpDef.ArgDef arg : opDef.getInputArgList()) {
                int count = listLength(node, arg);
                List<Tensor> group = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if (next >= data.size()) {
                        throw new ModelException("The node " + node.getName() + " has too few inputs for "
                                + node.getOp());
                    }
                    Tensor tensor = tensor(data.get(next++));
                    group.add(tensor);
                    copy.addInput(tensor.name());
                }
                inputs.add(group);
            }
            TF_Operation op = finish(node, opDef, inputs, controls);
            visiting.remove(node.getName());
            copied.put(node.getName(), op);
            added.addNode(copy.putAllAttr(node.getAttrMap()));
            return op;
        }

        private TF_Operation finish(NodeDef node, OpDef opDef, List<List<Tensor>> inputs,
                List<TF_Operation> controls) throws ModelException {
            TF_OperationDescription description = tensorflow.TF_NewOperation(graph, node.getOp(),
                    scope + "/" + node.getName());
            for (int a = 0; a < inputs.size(); a++) {
                List<Tensor> group = inputs.get(a);
                if (isList(opDef.getInputArg(a))) {
                    TF_Output list = new TF_Output(Math.max(1, group.size()));
                    for (int i = 0; i < group.size(); i++) {
                        list.position(i).oper(group.get(i).op()).index(group.get(i).index());
                    }
                    tensorflow.TF_AddInputList(description, list.position(0), group.size());
                } else {
                    tensorflow.TF_AddInput(description, TfOps.output(group.get(0).op(), group.get(0).index()));
                }
            }
            for (TF_Operation control : controls) {
                tensorflow.TF_AddControlInput(description, control);
            }
            for (Map.Entry<String, AttrValue> attr : node.getAttrMap().entrySet()) {
                if (attr.getKey().startsWith("_")) {
                    continue;
                }
                if (attr.getValue().getValueCase() == AttrValue.ValueCase.PLACEHOLDER) {
                    throw new ModelException("The node " + node.getName() + " takes its attribute "
                            + attr.getKey() + " from a function attribute, which is not supported");
                }
                byte[] bytes = attr.getValue().toByteArray();
                BytePointer value = new BytePointer(bytes);
                tensorflow.TF_SetAttrValueProto(description, attr.getKey(), value, bytes.length, status);
                status.throwExceptionIfNotOK();
            }
            TF_Operation op = tensorflow.TF_FinishOperation(description, status);
            status.throwExceptionIfNotOK();
            return op;
        }
    }

    private Tensor graphTensor(String input) throws ModelException {
        var found = ai.djl.tensorflow.engine.javacpp.JavacppUtils.getGraphOperationByName(graph,
                input.indexOf(':') < 0 ? input + ":0" : input);
        if (found.getKey() == null || found.getKey().isNull()) {
            throw new ModelException("The graph has no tensor " + input);
        }
        return new Tensor(found.getKey(), found.getValue());
    }

    /** The index of the first output of {@code arg} among the op's outputs. */
    private int outputOffset(TF_Operation op, String type, String arg) throws ModelException {
        int offset = 0;
        for (OpDef.ArgDef output : opDef(type).getOutputArgList()) {
            if (output.getName().equals(arg)) {
                return offset;
            }
            offset += tensorflow.TF_OperationOutputListLength(op, output.getName(), status);
            status.throwExceptionIfNotOK();
        }
        throw new ModelException("The op " + type + " has no output " + arg);
    }

    private static boolean isList(OpDef.ArgDef arg) {
        return !arg.getNumberAttr().isEmpty() || !arg.getTypeListAttr().isEmpty();
    }

    private static int listLength(NodeDef node, OpDef.ArgDef arg) throws ModelException {
        if (!arg.getNumberAttr().isEmpty()) {
            return (int) attr(node, arg.getNumberAttr()).getI();
        }
        if (!arg.getTypeListAttr().isEmpty()) {
            return attr(node, arg.getTypeListAttr()).getList().getTypeCount();
        }
        return 1;
    }

    private static AttrValue attr(NodeDef node, String name) throws ModelException {
        AttrValue value = node.getAttrMap().get(name);
        if (value == null) {
            throw new ModelException("The node " + node.getName() + " lacks its attribute " + name);
        }
        return value;
    }

    private OpDef opDef(String type) throws ModelException {
        OpDef known = opDefs.get(type);
        if (known != null) {
            return known;
        }
        TF_Buffer buffer = tensorflow.TF_NewBuffer();
        try {
            tensorflow.TF_GraphGetOpDef(graph, type, buffer, status);
            status.throwExceptionIfNotOK();
            byte[] bytes = new byte[(int) buffer.length()];
            new BytePointer(buffer.data()).capacity(buffer.length()).get(bytes);
            OpDef opDef = OpDef.parseFrom(bytes);
            opDefs.put(type, opDef);
            return opDef;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new ModelException("Cannot read TensorFlow's definition of the op " + type, e);
        } finally {
            tensorflow.TF_DeleteBuffer(buffer);
        }
    }

    static String nodeName(String tensor) {
        String name = tensor.startsWith("^") ? tensor.substring(1) : tensor;
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static int outputIndex(String tensor) {
        int colon = tensor.lastIndexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(tensor.substring(colon + 1));
    }
}
