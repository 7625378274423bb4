package org.secmlops.core.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.secmlops.core.capability.scan.Severity;

/**
 * Reads TensorFlow graphs from their protobuf wire format and reports denied ops.
 *
 * <p>Paths followed: {@code SavedModel.meta_graphs(2) → MetaGraphDef.graph_def(2) → GraphDef.node(1)}
 * and {@code GraphDef.library(2) → FunctionDefLibrary.function(1) → FunctionDef.node_def(3)}, with
 * {@code NodeDef.name(1)}, {@code op(2)}, {@code attr(5)}; a frozen {@code *.pb} is a bare GraphDef.
 */
final class SavedModelScanner {

    private static final Pattern TEXT_NODE = Pattern.compile("\\bop\\s*:\\s*\"([A-Za-z0-9_>.]+)\"");
    private static final Pattern TEXT_NAME = Pattern.compile("\\bname\\s*:\\s*\"([^\"]*)\"");

    private record Node(String name, String op, String outputStream, int offset) {
    }

    private final ScanPolicy policy;
    private final FindingSink sink;
    private final KerasConfigScanner keras;

    SavedModelScanner(ScanPolicy policy, FindingSink sink, KerasConfigScanner keras) {
        this.policy = policy;
        this.sink = sink;
        this.keras = keras;
    }

    void scanSavedModel(byte[] data, String file) {
        List<Finding> found = new ArrayList<>();
        try {
            ProtobufReader root = new ProtobufReader(data);
            int metaGraphs = 0;
            while (root.next()) {
                if (root.field() == 2 && root.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                    String prefix = metaGraphs == 0 ? "" : "meta_graph[" + metaGraphs + "] ";
                    metaGraphs++;
                    ProtobufReader meta = root.readMessage();
                    while (meta.next()) {
                        if (meta.field() == 2 && meta.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                            readGraph(meta.readMessage(), prefix, found);
                        } else {
                            meta.skip();
                        }
                    }
                } else {
                    root.skip();
                }
            }
            if (metaGraphs == 0) {
                report(file, found);
                sink.unparseable(file, "", "saved_model.pb holds no MetaGraphDef, so it is not a valid SavedModel");
                return;
            }
        } catch (MalformedModelException e) {
            report(file, found);
            sink.unparseable(file, "byte offset " + e.offset(), "cannot parse saved_model.pb: " + e.getMessage());
            return;
        }
        report(file, found);
    }

    void scanGraphDef(byte[] data, String file) {
        List<Finding> found = new ArrayList<>();
        try {
            readGraph(new ProtobufReader(data), "", found);
        } catch (MalformedModelException e) {
            report(file, found);
            sink.unparseable(file, "byte offset " + e.offset(), "cannot parse the GraphDef: " + e.getMessage());
            return;
        }
        report(file, found);
    }

    /** Best effort over the text format ({@code saved_model.pbtxt}): finds {@code op: "..."} fields. */
    void scanText(byte[] data, String file) {
        String text = new String(data, StandardCharsets.UTF_8);
        Matcher m = TEXT_NODE.matcher(text);
        List<Finding> found = new ArrayList<>();
        while (m.find()) {
            int from = Math.max(0, text.lastIndexOf('{', m.start()));
            Matcher n = TEXT_NAME.matcher(text.substring(from, m.start()));
            String name = n.find() ? n.group(1) : "?";
            check(new Node(name, m.group(1), null, m.start()), "", found);
        }
        report(file, found);
    }

    /** Keras' {@code keras_metadata.pb}: SavedMetadata.nodes(1) → SavedObject.metadata(5), JSON per layer. */
    void scanKerasMetadata(byte[] data, String file) {
        try {
            ProtobufReader root = new ProtobufReader(data);
            int index = 0;
            while (root.next()) {
                if (root.field() == 1 && root.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                    ProtobufReader node = root.readMessage();
                    while (node.next()) {
                        if (node.field() == 5 && node.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                            keras.scanJsonText(node.readString(), file, "nodes[" + index + "]");
                        } else {
                            node.skip();
                        }
                    }
                    index++;
                } else {
                    root.skip();
                }
            }
        } catch (MalformedModelException e) {
            sink.unparseable(file, "byte offset " + e.offset(), "cannot parse keras_metadata.pb: " + e.getMessage());
        }
    }

    private record Finding(Node node, String where) {
    }

    private void readGraph(ProtobufReader graph, String prefix, List<Finding> found) throws MalformedModelException {
        while (graph.next()) {
            if (graph.field() == 1 && graph.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                check(readNode(graph.fieldOffset(), graph.readMessage()), prefix, found);
            } else if (graph.field() == 2 && graph.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                ProtobufReader library = graph.readMessage();
                while (library.next()) {
                    if (library.field() == 1 && library.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                        readFunction(library.readMessage(), prefix, found);
                    } else {
                        library.skip();
                    }
                }
            } else {
                graph.skip();
            }
        }
    }

    private void readFunction(ProtobufReader function, String prefix, List<Finding> found)
            throws MalformedModelException {
        String name = "?";
        List<Node> nodes = new ArrayList<>();
        while (function.next()) {
            if (function.field() == 1 && function.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                ProtobufReader signature = function.readMessage();
                while (signature.next()) {
                    if (signature.field() == 1 && signature.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                        name = signature.readString();
                    } else {
                        signature.skip();
                    }
                }
            } else if (function.field() == 3 && function.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                nodes.add(readNode(function.fieldOffset(), function.readMessage()));
            } else {
                function.skip();
            }
        }
        for (Node node : nodes) {
            check(node, prefix + "function '" + Text.quote(name) + "' ", found);
        }
    }

    private Node readNode(int offset, ProtobufReader node) throws MalformedModelException {
        String name = "";
        String op = "";
        String outputStream = null;
        while (node.next()) {
            if (node.field() == 1 && node.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                name = node.readString();
            } else if (node.field() == 2 && node.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                op = node.readString();
            } else if (node.field() == 5 && node.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                String stream = readOutputStreamAttr(node.readMessage());
                if (stream != null) {
                    outputStream = stream;
                }
            } else {
                node.skip();
            }
        }
        return new Node(name, op, outputStream, offset);
    }

    /** Reads one {@code attr} map entry; returns its string value when the key is {@code output_stream}. */
    private static String readOutputStreamAttr(ProtobufReader entry) throws MalformedModelException {
        String key = null;
        String value = null;
        while (entry.next()) {
            if (entry.field() == 1 && entry.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                key = entry.readString();
            } else if (entry.field() == 2 && entry.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                ProtobufReader attrValue = entry.readMessage();
                while (attrValue.next()) {
                    if (attrValue.field() == 2 && attrValue.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                        value = attrValue.readString();
                    } else {
                        attrValue.skip();
                    }
                }
            } else {
                entry.skip();
            }
        }
        return "output_stream".equals(key) ? value : null;
    }

    private void check(Node node, String where, List<Finding> found) {
        ScanPolicy.Decision d = policy.savedModelOp(node.op());
        if (d != null && !d.allowed()) {
            found.add(new Finding(node, where));
        }
    }

    private void report(String file, List<Finding> found) {
        for (Finding f : found) {
            Node node = f.node();
            ScanPolicy.Decision d = policy.savedModelOp(node.op());
            Severity severity = d.severity();
            String extra = "";
            if (node.outputStream() != null && node.outputStream().startsWith("file://")) {
                severity = severity.isAtLeast(Severity.MEDIUM) ? severity : Severity.MEDIUM;
                extra = " (it writes to " + Text.quote(node.outputStream()) + ")";
            }
            sink.add(file, f.where() + "node '" + Text.quote(node.name()) + "' (op " + Text.quote(node.op()) + ")",
                    severity, Rules.SAVEDMODEL_DANGEROUS_OP, "TensorFlow op " + Text.quote(node.op()) + " "
                            + d.reason() + extra + "; it runs when the graph is executed");
        }
    }
}
