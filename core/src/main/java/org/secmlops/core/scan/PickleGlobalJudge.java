package org.secmlops.core.scan;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.secmlops.core.capability.scan.Severity;

/**
 * Judges one pickle global ({@code module} and a possibly dotted {@code name}) against the pickle
 * section of a {@link ScanPolicy}, the way an unpickler resolves it: the module is imported, then
 * each part of the name is looked up as an attribute of the previous one (protocol 4 dotted names).
 *
 * <p>Order of the checks, which is what makes an allow list exact:
 * <ol>
 *   <li>an exact policy entry for {@code module.name} decides alone (it names one callable);</li>
 *   <li>otherwise every denial that the path reaches counts, and the worst one wins: the most
 *       specific pattern for the whole path, any attribute suffix such as {@code os.system} in
 *       {@code posixpath} + {@code os.system}, an attribute that names a denied module
 *       ({@code logging} + {@code os}), a dangerous module inside the module path, an attribute that
 *       reaches interpreter internals ({@code __globals__}, {@code __builtins__}, ...), and a last
 *       part that has the name of a well-known command-running function ({@code system},
 *       {@code popen}, {@code exec*}, {@code spawn*}, ...) re-exported by another module;</li>
 *   <li>only when nothing is denied does a wildcard allow ({@code mypkg.*}, user policies only) apply;</li>
 *   <li>TorchScript classes ({@code __torch__.*}) are compiled from the archive's own code by
 *       {@code torch.jit.load}, not imported, and are expected content.</li>
 * </ol>
 * A Python 2 name that Python 3's unpickler renames ({@code StringIO} to {@code io},
 * {@code __builtin__.reduce} to {@code functools.reduce}, ...) is judged under both names.
 */
final class PickleGlobalJudge {

    /** Modules whose appearance anywhere in a module path or attribute chain is CRITICAL. */
    private static final Set<String> CORE_DANGEROUS_MODULES = Set.of("os", "posix", "nt", "subprocess", "builtins",
            "__builtin__", "__builtins__", "sys", "pty", "_posixsubprocess", "runpy", "importlib", "ctypes",
            "marshal", "pickle", "_pickle", "cPickle", "shutil", "socket", "webbrowser", "commands", "popen2");

    /** Attributes that reach interpreter internals from any object. */
    private static final Set<String> DANGEROUS_DUNDERS = Set.of("__globals__", "__builtins__", "__dict__",
            "__class__", "__subclasses__", "__bases__", "__base__", "__mro__", "__code__", "__closure__",
            "__getattribute__", "__getattr__", "__setattr__", "__delattr__", "__reduce__", "__reduce_ex__",
            "__import__", "__loader__", "__spec__", "__self__", "__func__", "__call__", "__init_subclass__",
            "__subclasshook__", "__new__", "__init__", "__module__", "__wrapped__", "__kwdefaults__",
            "__defaults__");

    /** Names of functions that run commands or code, whatever module re-exports them. */
    private static final Set<String> DANGEROUS_FUNCTION_NAMES = Set.of("system", "popen", "popen2", "popen3",
            "popen4", "Popen", "check_output", "check_call", "getoutput", "getstatusoutput", "fork", "forkpty",
            "startfile", "pipepager", "tempfilepager", "eval", "exec", "execfile", "__import__", "breakpoint",
            "create_subprocess_shell", "create_subprocess_exec", "run_path", "run_module", "import_module",
            "load_module", "exec_module", "runcode", "runsource", "runctx", "rmtree", "set_trace", "post_mortem",
            "interact", "getattr", "setattr", "delattr", "attrgetter", "methodcaller", "loads", "load_source",
            "load_dynamic", "CDLL", "PyDLL", "LoadLibrary", "dlopen", "spawn");

    private static final Pattern EXEC_OR_SPAWN = Pattern.compile("(exec|spawn)[lv]p?e?|posix_spawnp?|_?execvpe");

    private static final String TORCHSCRIPT = "__torch__";

    /** More dotted parts than any real class path has; longer chains are not resolved but reported. */
    static final int MAX_PARTS = 32;

    /**
     * Python 2 module names that Python 3's unpickler renames ({@code fix_imports}, protocols 0 to
     * 2), where the new module matters for security; a subset of {@code _compat_pickle}.
     */
    private static final Map<String, String> PY2_MODULES = Map.ofEntries(
            Map.entry("__builtin__", "builtins"), Map.entry("copy_reg", "copyreg"), Map.entry("commands", "subprocess"),
            Map.entry("cPickle", "pickle"), Map.entry("StringIO", "io"), Map.entry("cStringIO", "io"),
            Map.entry("thread", "_thread"), Map.entry("dummy_thread", "_dummy_thread"),
            Map.entry("Tkinter", "tkinter"), Map.entry("_winreg", "winreg"), Map.entry("httplib", "http.client"),
            Map.entry("urllib2", "urllib.request"), Map.entry("xmlrpclib", "xmlrpc.client"),
            Map.entry("SimpleXMLRPCServer", "xmlrpc.server"), Map.entry("DocXMLRPCServer", "xmlrpc.server"),
            Map.entry("BaseHTTPServer", "http.server"), Map.entry("SimpleHTTPServer", "http.server"),
            Map.entry("CGIHTTPServer", "http.server"), Map.entry("SocketServer", "socketserver"),
            Map.entry("cookielib", "http.cookiejar"), Map.entry("anydbm", "dbm"), Map.entry("whichdb", "dbm"),
            Map.entry("dbhash", "dbm.bsd"), Map.entry("dumbdbm", "dbm.dumb"), Map.entry("gdbm", "dbm.gnu"),
            Map.entry("dbm", "dbm.ndbm"), Map.entry("UserDict", "collections"), Map.entry("UserList", "collections"),
            Map.entry("UserString", "collections"), Map.entry("Queue", "queue"), Map.entry("repr", "reprlib"));

    /** Python 2 names that Python 3's unpickler maps to another module and name. */
    private static final Map<String, String> PY2_NAMES = Map.ofEntries(
            Map.entry("__builtin__.reduce", "functools.reduce"), Map.entry("__builtin__.intern", "sys.intern"),
            Map.entry("__builtin__.raw_input", "builtins.input"), Map.entry("__builtin__.unichr", "builtins.chr"),
            Map.entry("__builtin__.xrange", "builtins.range"), Map.entry("__builtin__.unicode", "builtins.str"),
            Map.entry("__builtin__.long", "builtins.int"), Map.entry("__builtin__.basestring", "builtins.str"),
            Map.entry("itertools.imap", "builtins.map"), Map.entry("itertools.ifilter", "builtins.filter"),
            Map.entry("itertools.izip", "builtins.zip"), Map.entry("future_builtins.map", "builtins.map"),
            Map.entry("future_builtins.filter", "builtins.filter"));

    private PickleGlobalJudge() {
    }

    /**
     * Judges one global.
     *
     * @param pickle the pickle section of the policy: patterns {@code a.b.c} or {@code a.b.*}
     * @return the decision, or {@code null} when the policy neither allows nor denies the global
     */
    static ScanPolicy.Decision judge(Map<String, ScanPolicy.Decision> pickle, String module, String name) {
        ScanPolicy.Decision own = judgeAsWritten(pickle, module, name);
        String renamed = PY2_NAMES.get(module + "." + name);
        String newModule;
        String newName;
        if (renamed != null) {
            newModule = renamed.substring(0, renamed.lastIndexOf('.'));
            newName = renamed.substring(renamed.lastIndexOf('.') + 1);
        } else if (PY2_MODULES.containsKey(module)) {
            newModule = PY2_MODULES.get(module);
            newName = name;
            renamed = newModule + "." + name;
        } else {
            return own;
        }
        ScanPolicy.Decision py3 = judgeAsWritten(pickle, newModule, newName);
        if (py3 != null && !py3.allowed() && (own == null || own.allowed()
                || py3.severity().compareTo(own.severity()) < 0)) {
            return new ScanPolicy.Decision(py3.pattern(), py3.severity(), "Python 3 unpickles it as " + renamed
                    + " (a Python 2 name), which " + py3.reason());
        }
        return own != null ? own : py3;
    }

    private static ScanPolicy.Decision judgeAsWritten(Map<String, ScanPolicy.Decision> pickle, String module,
                                                      String name) {
        String full = module + "." + name;
        ScanPolicy.Decision exact = pickle.get(full);
        if (exact != null) {
            return exact;
        }
        long parts = full.chars().filter(c -> c == '.').count() + 1;
        if (parts > MAX_PARTS) {
            return new ScanPolicy.Decision(full, Severity.CRITICAL, "its " + parts + " dotted parts are far more than"
                    + " any real class path has; such a chain is a way to hide what it reaches");
        }
        ScanPolicy.Decision base = ScanPolicy.lookupQualified(pickle, full);
        ScanPolicy.Decision worst = base != null && !base.allowed() ? base : null;
        List<String> attrs = List.of(name.split("\\.", -1));
        for (int j = 0; j < attrs.size(); j++) {
            for (int k = j; k < attrs.size(); k++) {
                String chain = String.join(".", attrs.subList(j, k + 1));
                ScanPolicy.Decision asModule = pickle.get(chain + ".*");
                if (asModule != null && !asModule.allowed()) {
                    worst = worse(worst, derived(asModule, "the attribute chain " + Text.quote(name)
                            + " reaches the module " + chain + ", which " + asModule.reason()));
                }
            }
            String suffix = String.join(".", attrs.subList(j, attrs.size()));
            ScanPolicy.Decision d = ScanPolicy.lookupQualified(pickle, suffix);
            if (d != null && !d.allowed()) {
                worst = worse(worst, derived(d, "resolves attribute by attribute to " + suffix + ", which "
                        + d.reason()));
            }
        }
        String[] moduleParts = module.split("\\.", -1);
        for (int i = 1; i < moduleParts.length; i++) {
            if (CORE_DANGEROUS_MODULES.contains(moduleParts[i])) {
                worst = worse(worst, new ScanPolicy.Decision(full, Severity.CRITICAL, "its module path passes"
                        + " through the module " + moduleParts[i] + ", which can run commands or code"));
            }
        }
        for (String attr : attrs) {
            if (CORE_DANGEROUS_MODULES.contains(attr)) {
                worst = worse(worst, new ScanPolicy.Decision(full, Severity.CRITICAL, "its attribute chain passes"
                        + " through the module " + attr + ", which can run commands or code"));
            }
            if (DANGEROUS_DUNDERS.contains(attr)) {
                worst = worse(worst, new ScanPolicy.Decision(full, Severity.CRITICAL, "its attribute " + attr
                        + " reaches interpreter internals (globals, builtins, classes), a common step to running"
                        + " code"));
            }
        }
        String leaf = attrs.get(attrs.size() - 1);
        if (DANGEROUS_FUNCTION_NAMES.contains(leaf) || EXEC_OR_SPAWN.matcher(leaf).matches()) {
            worst = worse(worst, new ScanPolicy.Decision(full, Severity.CRITICAL, "its last part '" + leaf
                    + "' is the name of a function that runs commands or code (os." + leaf + ", subprocess."
                    + leaf + ", builtins." + leaf + " ...), which other modules re-export"));
        }
        if (worst != null) {
            return worst;
        }
        if (base != null) {
            return base;
        }
        if (module.equals(TORCHSCRIPT) || module.startsWith(TORCHSCRIPT + ".")) {
            return new ScanPolicy.Decision(TORCHSCRIPT + ".*", null, "a TorchScript class, compiled from the"
                    + " archive's code by torch.jit.load and not imported from Python");
        }
        return null;
    }

    private static ScanPolicy.Decision derived(ScanPolicy.Decision d, String reason) {
        return new ScanPolicy.Decision(d.pattern(), d.severity(), reason);
    }

    private static ScanPolicy.Decision worse(ScanPolicy.Decision a, ScanPolicy.Decision b) {
        if (a == null) {
            return b;
        }
        return b.severity().compareTo(a.severity()) < 0 ? b : a;
    }
}
