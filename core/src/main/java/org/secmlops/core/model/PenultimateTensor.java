package org.secmlops.core.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Finds, in a TensorFlow graph, the tensor that enters the model's last dense layer: from the output, through ops
 * that keep the last layer's result as it is or element-wise (identity, bias, softmax), to the first {@code MatMul};
 * its first input holds the penultimate-layer activations. Graphs whose last layer is not a {@code MatMul} have
 * none; for TensorFlow 2 SavedModels, whose output comes out of a function call, it is searched in the copy of the
 * function that {@link TfFunctionInliner} adds to the graph.
 */
final class PenultimateTensor {
    private static final Set<String> ON_TOP_OF_LAST_LAYER = Set.of("Identity", "BiasAdd", "Add", "AddV2", "Softmax",
            "Sigmoid", "Reshape", "Squeeze");
    private static final int MAX_STEPS = 64;

    private PenultimateTensor() {
    }

    /**
     * @param graph  the graph
     * @param output the output tensor, e.g. {@code logits:0}
     * @return the penultimate tensor's name, e.g. {@code h:0}
     */
    static Optional<String> find(GraphDef graph, String output) {
        Map<String, NodeDef> nodes = new HashMap<>();
        for (NodeDef node : graph.getNodeList()) {
            nodes.put(node.getName(), node);
        }
        NodeDef node = nodes.get(nodeName(output));
        for (int step = 0; node != null && step < MAX_STEPS; step++) {
            if (node.getOp().equals("MatMul") && node.getInputCount() == 2) {
                return Optional.of(tensorName(node.getInput(0)));
            }
            if (!ON_TOP_OF_LAST_LAYER.contains(node.getOp()) || node.getInputCount() == 0) {
                return Optional.empty();
            }
            node = nodes.get(nodeName(node.getInput(0)));
        }
        return Optional.empty();
    }

    private static String nodeName(String input) {
        String name = input.startsWith("^") ? input.substring(1) : input;
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static String tensorName(String input) {
        return input.indexOf(':') < 0 ? input + ":0" : input;
    }
}
