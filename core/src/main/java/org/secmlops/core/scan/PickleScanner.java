package org.secmlops.core.scan;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secmlops.core.capability.scan.Severity;

/**
 * Decodes pickle opcodes without executing anything and reports the globals a pickle imports.
 *
 * <p>It keeps a symbolic stack and memo, just precise enough to resolve {@code STACK_GLOBAL}
 * operands, to tell whether an imported global is called, and to skip the raw array data that
 * joblib writes inside its pickles. Several pickles in a row (joblib, legacy {@code torch.save})
 * are all decoded.
 */
final class PickleScanner {

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_STRING = 1 << 20;
    private static final int MAX_STACK = 2_000_000;
    private static final int MAX_MEMO = 2_000_000;
    private static final int MAX_KEPT_ITEMS = 64;
    private static final int MAX_NESTED_PICKLES = 16;
    /** Extension references kept per pickle; later ones share the last entry (findings are capped anyway). */
    private static final int MAX_EXTENSIONS = 1000;
    /** The first pickle of a legacy (non-zip) torch.save file is this number. */
    private static final BigInteger TORCH_LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final int TORCH_LEGACY_PICKLES = 5;

    private static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };
    private static final Object OPAQUE = new Object() {
        @Override
        public String toString() {
            return "<value>";
        }
    };

    /** Everything a pickle imported under one qualified name. */
    static final class Import {
        final String module;
        final String name;
        final long firstOffset;
        int count;
        String calledBy;

        Import(String module, String name, long firstOffset) {
            this.module = module;
            this.name = name;
            this.firstOffset = firstOffset;
        }

        String qualified() {
            return module + "." + name;
        }
    }

    private record GlobalRef(Import imp) {
    }

    /** One copyreg extension reference (EXT1/EXT2/EXT4): the loader's registry decides what it imports. */
    static final class ExtRef {
        final PickleOpcode op;
        final long code;
        final long offset;
        String calledBy;
        String followedBy;

        ExtRef(PickleOpcode op, long code, long offset) {
            this.op = op;
            this.code = code;
            this.offset = offset;
        }
    }

    /** Callables that construct the class given as their first argument, as protocols 0 and 1 do. */
    private static final java.util.Set<String> CONSTRUCTORS = java.util.Set.of("copyreg._reconstructor",
            "copy_reg._reconstructor", "copyreg.__newobj__", "copyreg.__newobj_ex__");

    private static final class Instance {
        final Import cls;
        final Object args;
        Object state;

        Instance(Import cls, Object args) {
            this.cls = cls;
            this.args = args;
        }
    }

    private record PTuple(List<Object> items) {
    }

    private static final class PList {
        final List<Object> items = new ArrayList<>();
    }

    private static final class PDict {
        final Map<String, Object> map = new LinkedHashMap<>();
    }

    private final ScanPolicy policy;
    private final FindingSink sink;

    PickleScanner(ScanPolicy policy, FindingSink sink) {
        this.policy = policy;
        this.sink = sink;
    }

    /**
     * Scans every pickle in the stream.
     *
     * @param in          the bytes; read to the end at most
     * @param file        the file name used in findings
     * @param startOffset the offset of the first byte within the file (for messages)
     * @param sniffedOnly whether the content was taken for a pickle by its first bytes alone; an
     *                    early failure without any import is then not reported
     * @throws IOException when reading fails (including archive limits being hit)
     */
    void scan(InputStream in, String file, long startOffset, boolean sniffedOnly) throws IOException {
        PickleStream s = new PickleStream(in, startOffset);
        int index = 0;
        boolean torchLegacy = false;
        while (true) {
            Map<String, Import> imports = new LinkedHashMap<>();
            List<ExtRef> extensions = new ArrayList<>();
            long start = s.position();
            try {
                Object result = new Machine(s, imports, extensions, file, 0).run();
                report(file, imports, extensions);
                index++;
                if (index == 1 && TORCH_LEGACY_MAGIC.equals(result)) {
                    torchLegacy = true;
                }
                if ((torchLegacy && index == TORCH_LEGACY_PICKLES) || s.atEnd()) {
                    return;
                }
            } catch (MalformedModelException e) {
                report(file, imports, extensions);
                long at = e.offset() >= 0 ? e.offset() : start;
                if (index == 0) {
                    boolean looksRaw = sniffedOnly && imports.isEmpty() && at - startOffset < 64;
                    if (!looksRaw) {
                        sink.unparseable(file, "opcode offset " + at, "not a valid pickle: " + e.getMessage()
                                + "; the file cannot be fully inspected, and a loader may still run what precedes"
                                + " the damage");
                    }
                } else {
                    sink.add(file, "offset " + start, Severity.LOW, Rules.PICKLE_TRAILING_DATA,
                            "data after the end of pickle #" + index + " is not a valid pickle (" + e.getMessage()
                                    + "); loaders that read a single pickle ignore it, others may fail or"
                                    + " read hidden content");
                }
                return;
            }
        }
    }

    private static boolean isCall(PickleOpcode op) {
        return switch (op) {
            case REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST, BUILD -> true;
            default -> false;
        };
    }

    private void report(String file, Map<String, Import> imports, List<ExtRef> extensions) {
        for (ExtRef ext : extensions) {
            String what = "pickle refers to copyreg extension code " + ext.code + " (" + ext.op + "); the unpickler"
                    + " imports whatever the loading process registered under that code (copyreg.add_extension),"
                    + " which cannot be checked here";
            if (ext.calledBy != null) {
                sink.add(file, "opcode offset " + ext.offset, Severity.CRITICAL, Rules.PICKLE_EXTENSION_REFERENCE,
                        what + ", and calls it (" + ext.calledBy + ")");
            } else if (ext.followedBy != null) {
                sink.add(file, "opcode offset " + ext.offset, Severity.CRITICAL, Rules.PICKLE_EXTENSION_REFERENCE,
                        what + ", and a call follows (" + ext.followedBy + ") that may use it");
            } else {
                sink.add(file, "opcode offset " + ext.offset, Severity.HIGH, Rules.PICKLE_EXTENSION_REFERENCE, what);
            }
        }
        for (Import imp : imports.values()) {
            ScanPolicy.Decision d = policy.pickleGlobal(imp.module, imp.name);
            if (d != null && d.allowed()) {
                continue;
            }
            String name = Text.quote(imp.qualified());
            String use = imp.calledBy != null
                    ? " and calls it (" + imp.calledBy + ")"
                    : " (not called directly; it may be passed to other code)";
            String times = imp.count > 1 ? " [imported " + imp.count + " times]" : "";
            String location = "opcode offset " + imp.firstOffset;
            if (d != null) {
                sink.add(file, location, d.severity(), Rules.PICKLE_DANGEROUS_GLOBAL,
                        "pickle imports " + name + use + ": " + d.reason() + " when the file is loaded" + times);
            } else if (imp.calledBy != null) {
                sink.add(file, location, Severity.HIGH, Rules.PICKLE_UNKNOWN_GLOBAL,
                        "pickle imports " + name + use + ", which the policy neither allows nor denies; loading the"
                                + " file imports that module and runs that callable with arguments from the file"
                                + times);
            } else {
                sink.add(file, location, Severity.MEDIUM, Rules.PICKLE_UNKNOWN_GLOBAL,
                        "pickle imports " + name + use + ", which the policy neither allows nor denies; loading the"
                                + " file imports that module and can run its code" + times);
            }
        }
    }

    /** The symbolic unpickler for one pickle (up to its STOP). */
    private final class Machine {
        private final PickleStream s;
        private final Map<String, Import> imports;
        private final List<ExtRef> extensions;
        private final String file;
        private final int nesting;
        private final ArrayList<Object> stack = new ArrayList<>();
        private int[] marks = new int[16];
        private int markCount;
        private final Map<Long, Object> memo = new HashMap<>();
        /** Extensions before this index already have a call after them. */
        private int extensionsFollowed;

        Machine(PickleStream s, Map<String, Import> imports, List<ExtRef> extensions, String file, int nesting) {
            this.s = s;
            this.imports = imports;
            this.extensions = extensions;
            this.file = file;
            this.nesting = nesting;
        }

        Object run() throws IOException, MalformedModelException {
            while (true) {
                long off = s.position();
                int code = s.read();
                if (code < 0) {
                    throw new MalformedModelException("truncated pickle at offset " + off
                            + ": the stream ends before a STOP opcode", off);
                }
                PickleOpcode op = PickleOpcode.of(code);
                if (op == null) {
                    throw new MalformedModelException(String.format("unknown opcode 0x%02x at offset %d", code, off), off);
                }
                if (op == PickleOpcode.STOP) {
                    return stack.isEmpty() ? OPAQUE : stack.get(stack.size() - 1);
                }
                if (isCall(op)) {
                    for (; extensionsFollowed < extensions.size(); extensionsFollowed++) {
                        ExtRef ext = extensions.get(extensionsFollowed);
                        if (ext.followedBy == null) {
                            ext.followedBy = op.name() + " at offset " + off;
                        }
                    }
                }
                step(op, off);
                if (stack.size() > MAX_STACK) {
                    throw new MalformedModelException("pickle stack deeper than " + MAX_STACK + " at offset " + off, off);
                }
            }
        }

        private void step(PickleOpcode op, long off) throws IOException, MalformedModelException {
            switch (op) {
                case MARK -> {
                    if (markCount == marks.length) {
                        marks = java.util.Arrays.copyOf(marks, marks.length * 2);
                    }
                    marks[markCount++] = stack.size();
                }
                case POP -> {
                    if (stack.size() > base()) {
                        stack.remove(stack.size() - 1);
                    } else if (markCount > 0) {
                        markCount--;
                    } else {
                        throw underflow(op, off);
                    }
                }
                case POP_MARK -> popMark(op, off);
                case DUP -> push(top(op, off));
                case FLOAT, PERSID -> {
                    s.readLine(MAX_LINE, op, off);
                    push(OPAQUE);
                }
                case INT -> push(parseIntLine(ascii(s.readLine(MAX_LINE, op, off)), op, off));
                case LONG -> {
                    String text = ascii(s.readLine(MAX_LINE, op, off));
                    push(parseIntLine(text.endsWith("L") ? text.substring(0, text.length() - 1) : text, op, off));
                }
                case BININT -> push((long) (int) s.readLittleEndian(4, op, off));
                case BININT1 -> push((long) s.readByte(op, off));
                case BININT2 -> push(s.readLittleEndian(2, op, off));
                case NONE -> push(NONE);
                case NEWTRUE -> push(Boolean.TRUE);
                case NEWFALSE -> push(Boolean.FALSE);
                case BINFLOAT -> {
                    s.skip(8, op, off);
                    push(OPAQUE);
                }
                case BINPERSID, READONLY_BUFFER -> {
                    pop(op, off);
                    push(OPAQUE);
                }
                case REDUCE -> {
                    Object args = pop(op, off);
                    Object callable = pop(op, off);
                    push(call(callable, args, "REDUCE"));
                }
                case STRING -> push(Text.decodeQuoted(s.readLine(MAX_LINE, op, off), off));
                case BINSTRING -> {
                    long n = s.readLittleEndian(4, op, off);
                    if (n > Integer.MAX_VALUE) {
                        throw new MalformedModelException("BINSTRING at offset " + off + " has a negative length", off);
                    }
                    push(readText(n, StandardCharsets.ISO_8859_1, op, off));
                }
                case SHORT_BINSTRING -> push(readText(s.readByte(op, off), StandardCharsets.ISO_8859_1, op, off));
                case UNICODE -> push(Text.decodeRawUnicodeEscape(s.readLine(MAX_LINE, op, off)));
                case BINUNICODE -> push(readText(s.readLittleEndian(4, op, off), StandardCharsets.UTF_8, op, off));
                case SHORT_BINUNICODE -> push(readText(s.readByte(op, off), StandardCharsets.UTF_8, op, off));
                case BINUNICODE8 -> push(readText(length8(op, off), StandardCharsets.UTF_8, op, off));
                case SHORT_BINBYTES -> skipPush(s.readByte(op, off), op, off);
                case BINBYTES -> skipPush(s.readLittleEndian(4, op, off), op, off);
                case BINBYTES8, BYTEARRAY8 -> skipPush(length8(op, off), op, off);
                case APPEND -> {
                    Object v = pop(op, off);
                    if (top(op, off) instanceof PList list && list.items.size() < MAX_KEPT_ITEMS) {
                        list.items.add(v);
                    }
                }
                case APPENDS, ADDITEMS -> {
                    List<Object> items = popMark(op, off);
                    if (top(op, off) instanceof PList list) {
                        for (Object v : items) {
                            if (list.items.size() < MAX_KEPT_ITEMS) {
                                list.items.add(v);
                            }
                        }
                    }
                }
                case BUILD -> {
                    Object state = pop(op, off);
                    build(top(op, off), state, off);
                }
                case GLOBAL -> {
                    String module = Text.utf8(s.readLine(MAX_LINE, op, off));
                    String name = Text.utf8(s.readLine(MAX_LINE, op, off));
                    push(new GlobalRef(record(module, name, off)));
                }
                case STACK_GLOBAL -> {
                    Object name = pop(op, off);
                    Object module = pop(op, off);
                    if (module instanceof String m && name instanceof String n) {
                        push(new GlobalRef(record(m, n, off)));
                    } else {
                        sink.add(file, "opcode offset " + off, Severity.HIGH, Rules.PICKLE_UNRESOLVED_GLOBAL,
                                "pickle imports a global whose module or name is not a plain string (" + module + ", "
                                        + name + "); what it imports cannot be checked, a common way to hide code");
                        push(OPAQUE);
                    }
                }
                case INST -> {
                    String module = Text.utf8(s.readLine(MAX_LINE, op, off));
                    String name = Text.utf8(s.readLine(MAX_LINE, op, off));
                    Import imp = record(module, name, off);
                    List<Object> args = popMark(op, off);
                    push(call(new GlobalRef(imp), tuple(args), "INST"));
                }
                case OBJ -> {
                    List<Object> items = popMark(op, off);
                    if (items.isEmpty()) {
                        throw underflow(op, off);
                    }
                    push(call(items.get(0), tuple(items.subList(1, items.size())), "OBJ"));
                }
                case NEWOBJ -> {
                    Object args = pop(op, off);
                    Object cls = pop(op, off);
                    push(call(cls, args, "NEWOBJ"));
                }
                case NEWOBJ_EX -> {
                    pop(op, off);
                    Object args = pop(op, off);
                    Object cls = pop(op, off);
                    push(call(cls, args, "NEWOBJ_EX"));
                }
                case DICT -> {
                    List<Object> items = popMark(op, off);
                    PDict d = new PDict();
                    putAll(d, items);
                    push(d);
                }
                case EMPTY_DICT -> push(new PDict());
                case SETITEM -> {
                    Object v = pop(op, off);
                    Object k = pop(op, off);
                    if (top(op, off) instanceof PDict d) {
                        putAll(d, List.of(k, v));
                    }
                }
                case SETITEMS -> {
                    List<Object> items = popMark(op, off);
                    if (top(op, off) instanceof PDict d) {
                        putAll(d, items);
                    }
                }
                case LIST -> {
                    List<Object> items = popMark(op, off);
                    PList list = new PList();
                    list.items.addAll(items.subList(0, Math.min(items.size(), MAX_KEPT_ITEMS)));
                    push(list);
                }
                case EMPTY_LIST, EMPTY_SET -> push(new PList());
                case FROZENSET -> {
                    popMark(op, off);
                    push(OPAQUE);
                }
                case TUPLE -> push(tuple(popMark(op, off)));
                case EMPTY_TUPLE -> push(new PTuple(List.of()));
                case TUPLE1, TUPLE2, TUPLE3 -> {
                    int n = op == PickleOpcode.TUPLE1 ? 1 : op == PickleOpcode.TUPLE2 ? 2 : 3;
                    if (stack.size() - base() < n) {
                        throw underflow(op, off);
                    }
                    List<Object> items = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
                    for (int i = 0; i < n; i++) {
                        stack.remove(stack.size() - 1);
                    }
                    push(new PTuple(items));
                }
                case GET -> push(memoGet(parseIndex(ascii(s.readLine(MAX_LINE, op, off)), op, off), op, off));
                case BINGET -> push(memoGet(s.readByte(op, off), op, off));
                case LONG_BINGET -> push(memoGet(s.readLittleEndian(4, op, off), op, off));
                case PUT -> memoPut(parseIndex(ascii(s.readLine(MAX_LINE, op, off)), op, off), op, off);
                case BINPUT -> memoPut(s.readByte(op, off), op, off);
                case LONG_BINPUT -> memoPut(s.readLittleEndian(4, op, off), op, off);
                case MEMOIZE -> memoPut(memo.size(), op, off);
                case PROTO -> {
                    int proto = s.readByte(op, off);
                    if (proto > 5) {
                        throw new MalformedModelException("unsupported pickle protocol " + proto + " at offset " + off, off);
                    }
                }
                case FRAME -> length8(op, off);
                case EXT1, EXT2, EXT4 -> {
                    int n = op == PickleOpcode.EXT1 ? 1 : op == PickleOpcode.EXT2 ? 2 : 4;
                    long code = s.readLittleEndian(n, op, off);
                    ExtRef ext;
                    if (extensions.size() < MAX_EXTENSIONS) {
                        ext = new ExtRef(op, code, off);
                        extensions.add(ext);
                    } else {
                        ext = extensions.get(extensions.size() - 1);
                    }
                    push(ext);
                }
                case NEXT_BUFFER -> push(OPAQUE);
                case LONG1 -> push(readLong(s.readByte(op, off), op, off));
                case LONG4 -> {
                    long n = s.readLittleEndian(4, op, off);
                    if (n > Integer.MAX_VALUE) {
                        throw new MalformedModelException("LONG4 at offset " + off + " has a negative length", off);
                    }
                    push(readLong(n, op, off));
                }
                case STOP -> throw new IllegalStateException("STOP is handled by run()");
                default -> throw new IllegalStateException("unhandled opcode " + op);
            }
        }

        private Import record(String module, String name, long off) {
            Import imp = imports.computeIfAbsent(module + "." + name, k -> new Import(module, name, off));
            imp.count++;
            return imp;
        }

        private Object call(Object callable, Object args, String how) {
            if (callable instanceof ExtRef ext && ext.calledBy == null) {
                ext.calledBy = how;
            }
            if (callable instanceof GlobalRef ref) {
                if (ref.imp.calledBy == null) {
                    ref.imp.calledBy = how;
                }
                if (CONSTRUCTORS.contains(ref.imp.qualified()) && args instanceof PTuple t && !t.items.isEmpty()
                        && t.items.get(0) instanceof GlobalRef cls && cls.imp.calledBy == null) {
                    cls.imp.calledBy = how + " through " + ref.imp.qualified();
                }
                return new Instance(ref.imp, args);
            }
            return OPAQUE;
        }

        private void build(Object target, Object state, long off) throws IOException, MalformedModelException {
            if (target instanceof ExtRef ext && ext.calledBy == null) {
                ext.calledBy = "BUILD";
            }
            if (target instanceof GlobalRef ref) {
                sink.add(file, "opcode offset " + off, Severity.HIGH, Rules.PICKLE_GLOBAL_MUTATION,
                        "pickle sets attributes on the imported object " + Text.quote(ref.imp.qualified())
                                + " itself (BUILD on a global, not on an instance); loading the file can monkey-patch"
                                + " library code");
                return;
            }
            if (!(target instanceof Instance inst)) {
                return;
            }
            inst.state = state;
            if (JoblibArrays.isWrapper(inst.cls.qualified()) && state instanceof PDict d) {
                skipJoblibArray(d, off);
            }
        }

        private void skipJoblibArray(PDict state, long off) throws IOException, MalformedModelException {
            Object dtype = state.map.get("dtype");
            String descr = null;
            Long elsize = null;
            if (dtype instanceof Instance dt && "numpy.dtype".equals(dt.cls.qualified())) {
                if (dt.args instanceof PTuple t && !t.items.isEmpty() && t.items.get(0) instanceof String str) {
                    descr = str;
                }
                if (dt.state instanceof PTuple st && st.items.size() > 5 && st.items.get(5) instanceof Long l) {
                    elsize = l;
                }
            }
            List<Long> shape = new ArrayList<>();
            if (state.map.get("shape") instanceof PTuple t) {
                for (Object o : t.items) {
                    if (!(o instanceof Long l)) {
                        shape = null;
                        break;
                    }
                    shape.add(l);
                }
            } else {
                shape = null;
            }
            long bytes = JoblibArrays.arrayBytes(descr, elsize, shape, off);
            if (bytes < 0) {
                // An object array: joblib writes a nested pickle of the array here.
                if (nesting >= MAX_NESTED_PICKLES) {
                    throw new MalformedModelException("joblib object arrays nested deeper than " + MAX_NESTED_PICKLES, off);
                }
                new Machine(s, imports, extensions, file, nesting + 1).run();
                return;
            }
            Object alignment = state.map.get("numpy_array_alignment_bytes");
            if (alignment instanceof Long) {
                int padding = s.readByte(PickleOpcode.BUILD, off);
                s.skip(padding, PickleOpcode.BUILD, off);
            }
            s.skip(bytes, PickleOpcode.BUILD, off);
        }

        private void putAll(PDict d, List<Object> items) throws MalformedModelException {
            if (items.size() % 2 != 0) {
                throw new MalformedModelException("odd number of items for a dict", s.position());
            }
            for (int i = 0; i + 1 < items.size(); i += 2) {
                if (items.get(i) instanceof String k && d.map.size() < MAX_KEPT_ITEMS) {
                    d.map.put(k, items.get(i + 1));
                }
            }
        }

        private Object memoGet(long index, PickleOpcode op, long off) throws MalformedModelException {
            Object v = memo.get(index);
            if (v == null) {
                if (memo.size() >= MAX_MEMO) {
                    return OPAQUE;
                }
                throw new MalformedModelException(op + " at offset " + off + " reads memo entry " + index
                        + ", which was never stored", off);
            }
            return v;
        }

        private void memoPut(long index, PickleOpcode op, long off) throws MalformedModelException {
            Object v = top(op, off);
            if (memo.size() < MAX_MEMO || memo.containsKey(index)) {
                memo.put(index, v);
            }
        }

        private long length8(PickleOpcode op, long off) throws IOException, MalformedModelException {
            long n = s.readLittleEndian(8, op, off);
            if (n < 0) {
                throw new MalformedModelException(op + " at offset " + off + " has a negative length", off);
            }
            return n;
        }

        private Object readText(long n, java.nio.charset.Charset cs, PickleOpcode op, long off)
                throws IOException, MalformedModelException {
            if (n > MAX_STRING) {
                s.skip(n, op, off);
                return OPAQUE;
            }
            return new String(s.readBytes((int) n, op, off), cs);
        }

        private void skipPush(long n, PickleOpcode op, long off) throws IOException, MalformedModelException {
            s.skip(n, op, off);
            push(OPAQUE);
        }

        private Object readLong(long n, PickleOpcode op, long off) throws IOException, MalformedModelException {
            if (n == 0) {
                return 0L;
            }
            if (n > 4096) {
                s.skip(n, op, off);
                return OPAQUE;
            }
            byte[] le = s.readBytes((int) n, op, off);
            byte[] be = new byte[le.length];
            for (int i = 0; i < le.length; i++) {
                be[i] = le[le.length - 1 - i];
            }
            BigInteger v = new BigInteger(be);
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        }

        private Object parseIntLine(String text, PickleOpcode op, long off) throws MalformedModelException {
            String t = text.trim();
            if (op == PickleOpcode.INT && t.equals("00")) {
                return Boolean.FALSE;
            }
            if (op == PickleOpcode.INT && t.equals("01")) {
                return Boolean.TRUE;
            }
            try {
                BigInteger v = new BigInteger(t);
                return v.bitLength() < 64 ? (Object) v.longValue() : v;
            } catch (NumberFormatException e) {
                throw new MalformedModelException(op + " at offset " + off + " has a malformed integer '"
                        + Text.quote(t) + "'", off);
            }
        }

        private long parseIndex(String text, PickleOpcode op, long off) throws MalformedModelException {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new MalformedModelException(op + " at offset " + off + " has a malformed memo index '"
                        + Text.quote(text) + "'", off);
            }
        }

        private int base() {
            return markCount == 0 ? 0 : marks[markCount - 1];
        }

        private void push(Object v) {
            stack.add(v);
        }

        private Object pop(PickleOpcode op, long off) throws MalformedModelException {
            if (stack.size() <= base()) {
                throw underflow(op, off);
            }
            return stack.remove(stack.size() - 1);
        }

        private Object top(PickleOpcode op, long off) throws MalformedModelException {
            if (stack.size() <= base()) {
                throw underflow(op, off);
            }
            return stack.get(stack.size() - 1);
        }

        private List<Object> popMark(PickleOpcode op, long off) throws MalformedModelException {
            if (markCount == 0) {
                throw new MalformedModelException(op + " at offset " + off + " has no matching MARK", off);
            }
            int mark = marks[--markCount];
            List<Object> tail = stack.subList(mark, stack.size());
            List<Object> items = new ArrayList<>(tail);
            tail.clear();
            return items;
        }

        private PTuple tuple(List<Object> items) {
            return items.size() <= MAX_KEPT_ITEMS ? new PTuple(List.copyOf(items.stream()
                    .map(o -> o == null ? NONE : o).toList())) : new PTuple(List.of());
        }

        private MalformedModelException underflow(PickleOpcode op, long off) {
            return new MalformedModelException("stack underflow at offset " + off + " (opcode " + op + ")", off);
        }

        private String ascii(byte[] line) {
            return new String(line, StandardCharsets.ISO_8859_1);
        }
    }
}
