package org.secmlops.core.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.secmlops.core.capability.scan.Severity;

/**
 * Reads an ONNX {@code ModelProto} from its protobuf wire format and checks external data
 * locations and operator domains.
 *
 * <p>Paths followed: {@code ModelProto.graph(7)}, {@code ModelProto.functions(25)};
 * {@code GraphProto.node(1)}, {@code initializer(5)}, {@code sparse_initializer(15)};
 * {@code NodeProto.name(3)}, {@code op_type(4)}, {@code domain(7)}, {@code attribute(5)} with
 * subgraphs {@code AttributeProto.g(6)}, {@code graphs(11)} and tensors {@code t(5)}, {@code tensors(10)};
 * {@code TensorProto.name(8)}, {@code external_data(13)} entries {@code key(1)}/{@code value(2)}.
 */
final class OnnxScanner {

    private static final Set<String> STANDARD_DOMAINS = Set.of("", "ai.onnx", "ai.onnx.ml", "ai.onnx.training",
            "ai.onnx.preview.training");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final int MAX_GRAPH_DEPTH = 32;

    private final FindingSink sink;

    /** Per-file state. */
    private static final class Model {
        final Map<String, String> locations = new LinkedHashMap<>();
        final Map<String, Integer> locationCounts = new LinkedHashMap<>();
        final Map<String, String> domains = new LinkedHashMap<>();
        final Set<String> localFunctionDomains = new LinkedHashSet<>();
        boolean hasGraph;
    }

    OnnxScanner(FindingSink sink) {
        this.sink = sink;
    }

    /**
     * @param diskFile the model file when it is on disk (external data is then resolved and looked for),
     *                 {@code null} inside an archive
     */
    void scan(byte[] data, String file, Path diskFile) {
        Model model = new Model();
        try {
            ProtobufReader root = new ProtobufReader(data);
            while (root.next()) {
                if (root.field() == 7 && root.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                    model.hasGraph = true;
                    readGraph(root.readMessage(), "", model, 0);
                } else if (root.field() == 25 && root.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                    readFunction(root.readMessage(), model);
                } else {
                    root.skip();
                }
            }
        } catch (MalformedModelException e) {
            report(file, diskFile, model);
            sink.unparseable(file, "byte offset " + e.offset(), "cannot parse the ONNX model: " + e.getMessage());
            return;
        }
        report(file, diskFile, model);
        if (!model.hasGraph) {
            sink.unparseable(file, "", "the ONNX file has no graph, so it is not a valid model");
        }
    }

    private void readFunction(ProtobufReader function, Model model) throws MalformedModelException {
        String name = "?";
        while (function.next()) {
            if (function.field() == 1 && function.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                name = function.readString();
            } else if (function.field() == 10 && function.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                model.localFunctionDomains.add(function.readString());
            } else if (function.field() == 7 && function.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                readNode(function.readMessage(), "function '" + Text.quote(name) + "' ", model, 0);
            } else {
                function.skip();
            }
        }
    }

    private void readGraph(ProtobufReader graph, String prefix, Model model, int depth) throws MalformedModelException {
        if (depth > MAX_GRAPH_DEPTH) {
            throw new MalformedModelException("subgraphs nested deeper than " + MAX_GRAPH_DEPTH, -1);
        }
        while (graph.next()) {
            int f = graph.field();
            if (graph.wireType() != ProtobufReader.LENGTH_DELIMITED) {
                graph.skip();
            } else if (f == 1) {
                readNode(graph.readMessage(), prefix, model, depth);
            } else if (f == 5) {
                readTensor(graph.readMessage(), prefix + "initializer", model);
            } else if (f == 15) {
                ProtobufReader sparse = graph.readMessage();
                while (sparse.next()) {
                    if ((sparse.field() == 1 || sparse.field() == 2)
                            && sparse.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                        readTensor(sparse.readMessage(), prefix + "sparse initializer", model);
                    } else {
                        sparse.skip();
                    }
                }
            } else {
                graph.skip();
            }
        }
    }

    private void readNode(ProtobufReader node, String prefix, Model model, int depth) throws MalformedModelException {
        String name = "";
        String opType = "";
        String domain = "";
        while (node.next()) {
            int f = node.field();
            if (node.wireType() != ProtobufReader.LENGTH_DELIMITED) {
                node.skip();
            } else if (f == 3) {
                name = node.readString();
            } else if (f == 4) {
                opType = node.readString();
            } else if (f == 7) {
                domain = node.readString();
            } else if (f == 5) {
                readAttribute(node.readMessage(), prefix + "node '" + Text.quote(name) + "' ", model, depth);
            } else {
                node.skip();
            }
        }
        if (!STANDARD_DOMAINS.contains(domain)) {
            model.domains.putIfAbsent(domain, prefix + "node '" + Text.quote(name) + "' (op_type " + Text.quote(opType)
                    + ")");
        }
    }

    private void readAttribute(ProtobufReader attribute, String prefix, Model model, int depth)
            throws MalformedModelException {
        while (attribute.next()) {
            int f = attribute.field();
            if (attribute.wireType() != ProtobufReader.LENGTH_DELIMITED) {
                attribute.skip();
            } else if (f == 6 || f == 11) {
                readGraph(attribute.readMessage(), prefix + "subgraph ", model, depth + 1);
            } else if (f == 5 || f == 10) {
                readTensor(attribute.readMessage(), prefix + "attribute tensor", model);
            } else {
                attribute.skip();
            }
        }
    }

    private void readTensor(ProtobufReader tensor, String what, Model model) throws MalformedModelException {
        String name = "";
        String location = null;
        while (tensor.next()) {
            if (tensor.field() == 8 && tensor.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                name = tensor.readString();
            } else if (tensor.field() == 13 && tensor.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                ProtobufReader entry = tensor.readMessage();
                String key = null;
                String value = null;
                while (entry.next()) {
                    if (entry.field() == 1 && entry.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                        key = entry.readString();
                    } else if (entry.field() == 2 && entry.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                        value = entry.readString();
                    } else {
                        entry.skip();
                    }
                }
                if ("location".equals(key) && value != null) {
                    location = value;
                }
            } else {
                tensor.skip();
            }
        }
        if (location != null) {
            model.locations.putIfAbsent(location, what + " '" + Text.quote(name) + "'");
            model.locationCounts.merge(location, 1, Integer::sum);
        }
    }

    private void report(String file, Path diskFile, Model model) {
        for (Map.Entry<String, String> e : model.locations.entrySet()) {
            checkLocation(file, diskFile, e.getKey(), e.getValue(), model.locationCounts.get(e.getKey()));
        }
        for (Map.Entry<String, String> e : model.domains.entrySet()) {
            String domain = e.getKey();
            if (model.localFunctionDomains.contains(domain)) {
                continue;
            }
            boolean microsoft = domain.equals("com.microsoft") || domain.startsWith("com.microsoft.");
            sink.add(file, e.getValue(), microsoft ? Severity.LOW : Severity.MEDIUM, Rules.ONNX_CUSTOM_OP_DOMAIN,
                    "the model uses operators from the custom domain '" + Text.quote(domain) + "'"
                            + (microsoft ? " (ONNX Runtime contrib ops)" : "")
                            + "; running it needs a custom operator library, native code the runtime must load");
        }
    }

    private void checkLocation(String file, Path diskFile, String location, String where, int count) {
        String tensors = count > 1 ? " (and " + (count - 1) + " more tensor(s))" : "";
        String shown = "'" + Text.quote(location) + "'";
        if (location.startsWith("/") || location.startsWith("\\") || DRIVE.matcher(location).matches()) {
            outside(file, where, Severity.CRITICAL, "external data location " + shown + " is an absolute path"
                    + tensors + "; loading the model reads that file from the host, for example secrets, into"
                    + " tensors that can leak through outputs");
            return;
        }
        int depth = 0;
        for (String part : location.split("[/\\\\]")) {
            if (part.equals("..")) {
                if (--depth < 0) {
                    outside(file, where, Severity.CRITICAL, "external data location " + shown
                            + " climbs out of the model folder with '..'" + tensors + "; loading the model reads"
                            + " that host file into tensors that can leak through outputs");
                    return;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        if (diskFile == null) {
            return;
        }
        Path dir = diskFile.getParent();
        Path target;
        try {
            target = dir.resolve(location).normalize();
        } catch (InvalidPathException e) {
            sink.add(file, where, Severity.MEDIUM, Rules.ONNX_EXTERNAL_DATA_MISSING, "external data location " + shown
                    + " is not a valid path" + tensors);
            return;
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.exists(target)) {
            sink.add(file, where, Severity.MEDIUM, Rules.ONNX_EXTERNAL_DATA_MISSING, "external data file " + shown
                    + " does not exist next to the model" + tensors + "; the model cannot load as shipped");
            return;
        }
        try {
            Path real = target.toRealPath();
            Path dirReal = dir.toRealPath();
            if (!real.startsWith(dirReal)) {
                outside(file, where, Severity.HIGH, "external data location " + shown
                        + " resolves through a symbolic link to " + Text.quote(real.toString())
                        + ", outside the model folder" + tensors + "; loading the model reads that file");
            }
        } catch (IOException e) {
            sink.add(file, where, Severity.MEDIUM, Rules.ONNX_EXTERNAL_DATA_MISSING, "external data file " + shown
                    + " cannot be resolved (" + e.getMessage() + ")" + tensors);
        }
    }

    private void outside(String file, String where, Severity severity, String message) {
        sink.add(file, where, severity, Rules.ONNX_EXTERNAL_DATA_OUTSIDE, message);
    }
}
