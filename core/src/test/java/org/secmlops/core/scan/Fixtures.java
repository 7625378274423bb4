package org.secmlops.core.scan;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds model fixtures at test time: pickles, zips and protobuf messages. */
final class Fixtures {

    private Fixtures() {
    }

    /** A byte builder for hand-written pickles. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes op(int... codes) {
            for (int c : codes) {
                out.write(c);
            }
            return this;
        }

        Bytes text(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Bytes le(long value, int n) {
            for (int i = 0; i < n; i++) {
                out.write((int) (value >>> (8 * i)) & 0xff);
            }
            return this;
        }

        /** BINUNICODE (protocol 1+). */
        Bytes binUnicode(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return op('X').le(b.length, 4).raw(b);
        }

        /** SHORT_BINUNICODE (protocol 4). */
        Bytes shortBinUnicode(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return op(0x8c, b.length).raw(b);
        }

        /** GLOBAL (text module and name lines). */
        Bytes global(String module, String name) {
            return op('c').text(module + "\n" + name + "\n");
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Protocol 2: {@code os.system('echo hi')} via GLOBAL and REDUCE. */
    static byte[] osSystemProtocol2() {
        return new Bytes().op(0x80, 2).global("os", "system").op('q', 0)
                .binUnicode("echo hi").op('q', 1).op(0x85).op('q', 2).op('R').op('q', 3).op('.').bytes();
    }

    /** Protocol 4: the same through STACK_GLOBAL, with FRAME and MEMOIZE. */
    static byte[] osSystemProtocol4() {
        byte[] body = new Bytes().shortBinUnicode("os").op(0x94).shortBinUnicode("system").op(0x94)
                .op(0x93).op(0x94).shortBinUnicode("echo hi").op(0x94).op(0x85).op(0x94).op('R').op(0x94)
                .op('.').bytes();
        return new Bytes().op(0x80, 4).op(0x95).le(body.length, 8).raw(body).bytes();
    }

    /** Protocol 0 text pickle. */
    static byte[] osSystemProtocol0() {
        return "cos\nsystem\n(S'echo hi'\ntR.".getBytes(StandardCharsets.US_ASCII);
    }

    /** A benign torch.save-style data.pkl: an OrderedDict of one rebuilt tensor (protocol 2). */
    static byte[] torchStateDictPickle() {
        return new Bytes().op(0x80, 2)
                .global("collections", "OrderedDict").op('q', 0).op(')').op('R').op('q', 1)
                .op('(')
                .binUnicode("weight").op('q', 2)
                .global("torch._utils", "_rebuild_tensor_v2").op('q', 3)
                .op('(')
                .op('(').binUnicode("storage").op('q', 4).global("torch", "FloatStorage").op('q', 5)
                .binUnicode("0").op('q', 6).binUnicode("cpu").op('q', 7).op('K', 4).op('t').op('q', 8).op('Q')
                .op('K', 0)
                .op('K', 2).op('K', 2).op(0x86).op('q', 9)
                .op('K', 2).op('K', 1).op(0x86).op('q', 10)
                .op(0x89)
                .op('h', 0).op(')').op('R').op('q', 11)
                .op('t').op('q', 12)
                .op('R').op('q', 13)
                .op('u')
                .op('.').bytes();
    }

    /** The entries of a torch.save zip around a data.pkl. */
    static Map<String, byte[]> torchZipEntries(byte[] dataPkl) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", dataPkl);
        entries.put("archive/data/0", new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40, 0, 0,
            (byte) 0x80, 0x40});
        entries.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries, boolean stored) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a protobuf message with protobuf-java's own writer. */
    static byte[] proto(ProtoBody body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the fields of one message. */
    @FunctionalInterface
    interface ProtoBody {
        void write(CodedOutputStream out) throws IOException;
    }

    static ByteString bs(byte[] b) {
        return ByteString.copyFrom(b);
    }

    /** TensorFlow NodeDef: name(1), op(2), attr(5). */
    static byte[] nodeDef(String name, String op) {
        return proto(o -> {
            o.writeString(1, name);
            o.writeString(2, op);
            o.writeString(3, "input:0");
        });
    }

    /** A SavedModel with one MetaGraphDef holding the given GraphDef. */
    static byte[] savedModel(byte[] graphDef) {
        byte[] metaGraph = proto(o -> {
            o.writeBytes(1, bs(proto(m -> m.writeString(1, "serve"))));
            o.writeBytes(2, bs(graphDef));
        });
        return proto(o -> {
            o.writeInt64(1, 1);
            o.writeBytes(2, bs(metaGraph));
        });
    }

    static byte[] graphDef(Consumer<GraphBuilder> nodes) {
        GraphBuilder b = new GraphBuilder();
        nodes.accept(b);
        return proto(o -> {
            for (byte[] node : b.nodes) {
                o.writeBytes(1, bs(node));
            }
            if (!b.functions.isEmpty()) {
                o.writeBytes(2, bs(proto(lib -> {
                    for (byte[] f : b.functions) {
                        lib.writeBytes(1, bs(f));
                    }
                })));
            }
            o.writeBytes(4, bs(proto(v -> v.writeInt32(1, 1882))));
        });
    }

    /** Collects GraphDef nodes and library functions. */
    static final class GraphBuilder {
        final java.util.List<byte[]> nodes = new java.util.ArrayList<>();
        final java.util.List<byte[]> functions = new java.util.ArrayList<>();

        GraphBuilder node(String name, String op) {
            nodes.add(nodeDef(name, op));
            return this;
        }

        GraphBuilder node(byte[] nodeDef) {
            nodes.add(nodeDef);
            return this;
        }

        /** FunctionDef: signature(1) OpDef name(1); node_def(3). */
        GraphBuilder function(String name, String nodeName, String op) {
            functions.add(proto(o -> {
                o.writeBytes(3, bs(nodeDef(nodeName, op)));
                o.writeBytes(1, bs(proto(sig -> sig.writeString(1, name))));
            }));
            return this;
        }
    }

    /** ONNX TensorProto with external data at {@code location}. */
    static byte[] onnxExternalTensor(String name, String location) {
        byte[] entry = proto(o -> {
            o.writeString(1, "location");
            o.writeString(2, location);
        });
        byte[] offset = proto(o -> {
            o.writeString(1, "offset");
            o.writeString(2, "0");
        });
        return proto(o -> {
            o.writeInt64(1, 2);
            o.writeInt32(2, 1);
            o.writeString(8, name);
            o.writeBytes(13, bs(entry));
            o.writeBytes(13, bs(offset));
            o.writeEnum(14, 1);
        });
    }

    /** ONNX NodeProto: input(1), output(2), name(3), op_type(4), attribute(5), domain(7). */
    static byte[] onnxNode(String name, String opType, String domain) {
        return proto(o -> {
            o.writeString(1, "x");
            o.writeString(2, "y");
            o.writeString(3, name);
            o.writeString(4, opType);
            if (domain != null) {
                o.writeString(7, domain);
            }
        });
    }

    /** ONNX ModelProto: ir_version(1), graph(7) with nodes(1), name(2), initializers(5). */
    static byte[] onnxModel(java.util.List<byte[]> nodes, java.util.List<byte[]> initializers) {
        byte[] graph = proto(o -> {
            for (byte[] n : nodes) {
                o.writeBytes(1, bs(n));
            }
            o.writeString(2, "main");
            for (byte[] t : initializers) {
                o.writeBytes(5, bs(t));
            }
        });
        return proto(o -> {
            o.writeInt64(1, 9);
            o.writeString(2, "test");
            o.writeBytes(7, bs(graph));
            o.writeBytes(8, bs(proto(op -> op.writeInt64(2, 17))));
        });
    }
}
