package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

class PenultimateTensorTest {
    private static NodeDef node(String name, String op, String... inputs) {
        NodeDef.Builder node = NodeDef.newBuilder().setName(name).setOp(op);
        for (String input : inputs) {
            node.addInput(input);
        }
        return node.build();
    }

    @Test
    void shouldFollowBiasSoftmaxAndIdentityBackToTheLastMatMulsInput() {
        GraphDef graph = GraphDef.newBuilder()
                .addNode(node("x", "Placeholder"))
                .addNode(node("features", "Relu", "x"))
                .addNode(node("flat", "Reshape", "features", "shape"))
                .addNode(node("dense", "MatMul", "flat:0", "w"))
                .addNode(node("biased", "BiasAdd", "dense", "b"))
                .addNode(node("probabilities", "Softmax", "biased"))
                .addNode(node("out", "Identity", "probabilities", "^init"))
                .build();

        assertThat(PenultimateTensor.find(graph, "out:0")).contains("flat:0");
        assertThat(PenultimateTensor.find(graph, "biased")).contains("flat:0");
    }

    @Test
    void shouldFindNoneWhenTheOutputComesOutOfAFunctionCallOrAConvolution() {
        GraphDef keras = GraphDef.newBuilder()
                .addNode(node("x", "Placeholder"))
                .addNode(node("StatefulPartitionedCall", "StatefulPartitionedCall", "x"))
                .addNode(node("out", "Identity", "StatefulPartitionedCall:0"))
                .build();
        GraphDef convolutional = GraphDef.newBuilder()
                .addNode(node("x", "Placeholder"))
                .addNode(node("conv", "Conv2D", "x", "k"))
                .addNode(node("out", "BiasAdd", "conv", "b"))
                .build();
        GraphDef cycle = GraphDef.newBuilder()
                .addNode(node("a", "Identity", "b"))
                .addNode(node("b", "Identity", "a"))
                .build();

        assertThat(PenultimateTensor.find(keras, "out:0")).isEmpty();
        assertThat(PenultimateTensor.find(convolutional, "out:0")).isEmpty();
        assertThat(PenultimateTensor.find(cycle, "a:0")).isEmpty();
        assertThat(PenultimateTensor.find(keras, "missing:0")).isEmpty();
    }
}
