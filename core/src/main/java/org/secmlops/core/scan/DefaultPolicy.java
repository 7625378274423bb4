package org.secmlops.core.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import org.secmlops.core.capability.scan.Severity;

/** The built-in entries of {@link ScanPolicy#defaults()}. */
final class DefaultPolicy {

    private static final String RUNS_COMMANDS = "can run operating-system commands";
    private static final String RUNS_CODE = "can run arbitrary Python code";
    private static final String FILES = "can read, write or delete files";
    private static final String NETWORK = "can open network connections and send data out";
    private static final String REFLECTION = "can reach any attribute or module, a common step to running code";
    private static final String NESTED = "can load nested serialized data that hides its content from this scan";
    private static final String NATIVE = "can load native code or touch process memory";
    private static final String INTERPRETER = "can change the running interpreter";

    private DefaultPolicy() {
    }

    static Map<String, ScanPolicy.Decision> pickle() {
        Map<String, ScanPolicy.Decision> m = new LinkedHashMap<>();
        // Operating-system command execution.
        for (String module : new String[] {"os", "posix", "nt", "subprocess", "pty", "commands", "popen2",
            "_posixsubprocess", "multiprocessing", "asyncio.subprocess"}) {
            deny(m, module + ".*", Severity.CRITICAL, RUNS_COMMANDS);
        }
        deny(m, "asyncio.create_subprocess_shell", Severity.CRITICAL, RUNS_COMMANDS);
        deny(m, "asyncio.create_subprocess_exec", Severity.CRITICAL, RUNS_COMMANDS);
        // Python code execution and reflection.
        for (String builtins : new String[] {"builtins", "__builtin__", "__builtins__"}) {
            deny(m, builtins + ".*", Severity.HIGH, "is a Python builtin that is not needed to rebuild model data");
            for (String name : new String[] {"eval", "exec", "compile", "execfile", "__import__", "breakpoint",
                "input", "globals", "locals", "vars"}) {
                deny(m, builtins + "." + name, Severity.CRITICAL, RUNS_CODE);
            }
            for (String name : new String[] {"getattr", "setattr", "delattr"}) {
                deny(m, builtins + "." + name, Severity.CRITICAL, REFLECTION);
            }
            deny(m, builtins + ".open", Severity.CRITICAL, FILES);
            deny(m, builtins + ".file", Severity.CRITICAL, FILES);
            for (String name : new String[] {"set", "frozenset", "slice", "bytearray", "complex", "range", "list",
                "dict", "tuple", "int", "float", "bool", "str", "bytes", "object", "unicode", "long"}) {
                allow(m, builtins + "." + name);
            }
        }
        for (String module : new String[] {"runpy", "code", "codeop", "timeit", "cProfile", "profile", "pdb", "bdb",
            "trace", "doctest", "importlib", "imp", "pkgutil", "zipimport", "marshal", "types", "ctypes", "cffi",
            "pickle", "_pickle", "cPickle", "dill", "cloudpickle", "shelve", "numpy.testing", "numpy.f2py",
            "pip", "setuptools", "distutils", "torch.jit", "torch.hub", "torch.utils.cpp_extension", "IPython"}) {
            String reason = switch (module) {
                case "ctypes", "cffi" -> NATIVE;
                case "pickle", "_pickle", "cPickle", "dill", "cloudpickle", "shelve", "marshal" -> NESTED;
                case "importlib", "imp", "pkgutil", "zipimport", "types" -> REFLECTION;
                default -> RUNS_CODE;
            };
            deny(m, module + ".*", Severity.CRITICAL, reason);
        }
        deny(m, "torch.load", Severity.HIGH, NESTED);
        deny(m, "torch.storage._load_from_bytes", Severity.HIGH, NESTED);
        deny(m, "numpy.load", Severity.HIGH, NESTED);
        deny(m, "numpy.lib.npyio.load", Severity.HIGH, NESTED);
        deny(m, "joblib.load", Severity.HIGH, NESTED);
        deny(m, "sys.*", Severity.CRITICAL, INTERPRETER);
        deny(m, "gc.*", Severity.HIGH, INTERPRETER);
        deny(m, "signal.*", Severity.HIGH, INTERPRETER);
        deny(m, "threading.*", Severity.HIGH, RUNS_CODE);
        deny(m, "_thread.*", Severity.HIGH, RUNS_CODE);
        deny(m, "functools.partial", Severity.HIGH, "can bind arguments to any callable, hiding what is called");
        for (String name : new String[] {"attrgetter", "methodcaller", "itemgetter"}) {
            deny(m, "operator." + name, Severity.CRITICAL, REFLECTION);
            deny(m, "_operator." + name, Severity.CRITICAL, REFLECTION);
        }
        // Files.
        for (String module : new String[] {"shutil", "tempfile", "glob", "fileinput", "io", "_io", "codecs",
            "pathlib", "zipfile", "tarfile", "linecache", "filecmp", "mmap"}) {
            deny(m, module + ".*", module.equals("glob") || module.equals("filecmp") ? Severity.HIGH : Severity.CRITICAL,
                    FILES);
        }
        allow(m, "io.BytesIO");
        allow(m, "_io.BytesIO");
        for (String name : new String[] {"PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath", "Path"}) {
            allow(m, "pathlib." + name);
        }
        // Network.
        for (String module : new String[] {"socket", "_socket", "ssl", "http", "httplib", "urllib", "urllib2",
            "urllib3", "requests", "httpx", "aiohttp", "ftplib", "smtplib", "poplib", "imaplib", "telnetlib",
            "xmlrpc", "xmlrpclib", "webbrowser", "socketserver", "asyncio"}) {
            deny(m, module + ".*", Severity.CRITICAL, NETWORK);
        }
        deny(m, "httplib", Severity.CRITICAL, NETWORK);
        lessKnown(m);

        // What benign torch.save / numpy / scikit-learn / joblib / collections pickles need.
        for (String name : new String[] {"_rebuild_tensor", "_rebuild_tensor_v2", "_rebuild_tensor_v3",
            "_rebuild_parameter", "_rebuild_parameter_with_state", "_rebuild_qtensor", "_rebuild_sparse_tensor",
            "_rebuild_sparse_csr_tensor", "_rebuild_nested_tensor", "_rebuild_device_tensor_from_numpy",
            "_rebuild_meta_tensor_no_storage", "_rebuild_wrapper_subclass", "_rebuild_xla_tensor",
            "_rebuild_mlc_tensor", "_rebuild_device_tensor_from_cpu_tensor"}) {
            allow(m, "torch._utils." + name);
        }
        allow(m, "torch._tensor._rebuild_from_type_v2");
        allow(m, "torch._tensor._rebuild_from_type");
        for (String name : new String[] {"Float", "Double", "Half", "BFloat16", "Long", "Int", "Short", "Char",
            "Byte", "Bool", "ComplexFloat", "ComplexDouble", "QUInt8", "QInt8", "QInt32", "QUInt4x2", "QUInt2x4",
            "Untyped", "Typed"}) {
            allow(m, "torch." + name + "Storage");
        }
        allow(m, "torch.storage.UntypedStorage");
        allow(m, "torch.storage.TypedStorage");
        for (String name : new String[] {"float32", "float", "float64", "double", "float16", "half", "bfloat16",
            "int64", "long", "int32", "int", "int16", "short", "int8", "uint8", "bool", "complex64", "complex128",
            "cfloat", "cdouble", "qint8", "quint8", "qint32", "float8_e4m3fn", "float8_e5m2", "uint16", "uint32",
            "uint64"}) {
            allow(m, "torch." + name);
        }
        for (String name : new String[] {"Size", "device", "dtype", "layout", "memory_format", "Tensor",
            "strided", "sparse_coo", "sparse_csr", "contiguous_format", "channels_last", "preserve_format",
            "per_tensor_affine", "per_channel_affine"}) {
            allow(m, "torch." + name);
        }
        // TorchScript archives (torch.jit.save) rebuild constant lists through these in code/*.debug_pkl.
        for (String name : new String[] {"build_intlist", "build_tensorlist", "build_doublelist", "build_boollist",
            "build_tensor_from_id", "restore_type_tag"}) {
            allow(m, "torch.jit._pickle." + name);
        }
        allow(m, "torch.serialization._get_layout");
        allow(m, "torch.nn.parameter.Parameter");
        torchModules(m);
        allow(m, "torch.nn.parameter.UninitializedParameter");
        allow(m, "torch.nn.utils.parametrize.ParametrizationList");
        for (String prefix : new String[] {"numpy.core", "numpy._core"}) {
            allow(m, prefix + ".multiarray._reconstruct");
            allow(m, prefix + ".multiarray.scalar");
            allow(m, prefix + ".numeric._frombuffer");
        }
        allow(m, "numpy.dtype");
        allow(m, "numpy.ndarray");
        allow(m, "numpy.ma.core._mareconstruct");
        allow(m, "numpy.ma.core.MaskedArray");
        allow(m, "numpy.ma.MaskedArray");
        allow(m, "numpy.random.mtrand.RandomState");
        allow(m, "numpy.random._generator.Generator");
        allow(m, "numpy.random.bit_generator.SeedSequence");
        allow(m, "numpy.random.bit_generator.__pyx_unpickle_SeedSequence");
        for (String bitGenerator : new String[] {"_pcg64.PCG64", "_pcg64.PCG64DXSM", "_mt19937.MT19937",
            "_philox.Philox", "_sfc64.SFC64"}) {
            allow(m, "numpy.random." + bitGenerator);
        }
        allow(m, "numpy.random._pickle.__randomstate_ctor");
        allow(m, "numpy.random._pickle.__bit_generator_ctor");
        allow(m, "numpy.random._pickle.__generator_ctor");
        for (String name : new String[] {"bool_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
            "uint64", "float16", "float32", "float64", "longdouble", "complex64", "complex128", "str_", "bytes_",
            "object_", "datetime64", "timedelta64", "intc", "intp", "uintp"}) {
            allow(m, "numpy." + name);
            allow(m, "numpy.dtypes." + name.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + name.substring(1)
                    .replace("_", "") + "DType");
        }
        sklearn(m);
        for (String kind : new String[] {"csr", "csc", "coo", "lil", "dok", "bsr", "dia"}) {
            for (String module : new String[] {"scipy.sparse._" + kind, "scipy.sparse." + kind}) {
                allow(m, module + "." + kind + "_matrix");
                allow(m, module + "." + kind + "_array");
            }
        }
        allow(m, "joblib.numpy_pickle.NumpyArrayWrapper");
        allow(m, "joblib.numpy_pickle.NDArrayWrapper");
        allow(m, "sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper");
        for (String name : new String[] {"OrderedDict", "defaultdict", "deque", "Counter", "namedtuple"}) {
            allow(m, "collections." + name);
        }
        allow(m, "_codecs.encode");
        allow(m, "copyreg._reconstructor");
        allow(m, "copy_reg._reconstructor");
        allow(m, "copyreg.__newobj__");
        for (String name : new String[] {"datetime", "date", "time", "timedelta", "timezone"}) {
            allow(m, "datetime." + name);
        }
        allow(m, "decimal.Decimal");
        allow(m, "fractions.Fraction");
        allow(m, "uuid.UUID");
        allow(m, "enum.Enum");
        allow(m, "re._compile");
        allow(m, "argparse.Namespace");
        return m;
    }

    /** Standard-library and ML-library callables that run commands, load code or write files, less known. */
    private static void lessKnown(Map<String, ScanPolicy.Decision> m) {
        // Pagers and helpers that run a shell command line.
        deny(m, "pydoc.*", Severity.CRITICAL, RUNS_COMMANDS);
        deny(m, "platform.*", Severity.HIGH, "can run helper commands to probe the platform");
        for (String name : new String[] {"popen", "_syscmd_ver", "_syscmd_file", "_syscmd_uname"}) {
            deny(m, "platform." + name, Severity.CRITICAL, RUNS_COMMANDS);
        }
        deny(m, "uuid._get_command_stdout", Severity.CRITICAL, RUNS_COMMANDS);
        deny(m, "uuid._popen", Severity.CRITICAL, RUNS_COMMANDS);
        for (String module : new String[] {"_winapi", "msvcrt", "winreg", "_winreg", "mailcap", "tkinter",
            "_tkinter", "Tkinter", "idlelib", "venv", "ensurepip", "site", "sitecustomize", "usercustomize",
            "lib2to3", "turtle", "_ctypes", "_osx_support", "_aix_support", "numpy.ctypeslib", "numpy.distutils",
            "torch.package", "torch._inductor", "_xxsubinterpreters", "_interpreters", "concurrent"}) {
            deny(m, module + ".*", Severity.CRITICAL, switch (module) {
                case "_ctypes", "numpy.ctypeslib" -> NATIVE;
                case "torch.package" -> NESTED;
                case "mailcap", "_winapi", "venv", "ensurepip", "concurrent" -> RUNS_COMMANDS;
                default -> RUNS_CODE;
            });
        }
        deny(m, "copyreg.*", Severity.HIGH, "can change how the loading process unpickles other objects");
        deny(m, "copy_reg.*", Severity.HIGH, "can change how the loading process unpickles other objects");
        for (String module : new String[] {"copyreg", "copy_reg"}) {
            deny(m, module + ".add_extension", Severity.CRITICAL, "registers an extension code that later"
                    + " imports any callable (EXT opcodes)");
            deny(m, module + ".pickle", Severity.CRITICAL, "registers a reduction function that runs on"
                    + " later pickling and unpickling");
        }
        // Callable gadgets: call or fetch anything given as an argument.
        deny(m, "operator.*", Severity.HIGH, "operator functions are not needed to rebuild model data");
        deny(m, "_operator.*", Severity.HIGH, "operator functions are not needed to rebuild model data");
        deny(m, "operator.call", Severity.CRITICAL, RUNS_CODE);
        deny(m, "_operator.call", Severity.CRITICAL, RUNS_CODE);
        deny(m, "functools.*", Severity.HIGH, "can call or wrap any callable, hiding what is called");
        deny(m, "functools.reduce", Severity.CRITICAL, "calls any callable it is given");
        for (String builtins : new String[] {"builtins", "__builtin__", "__builtins__"}) {
            for (String name : new String[] {"apply", "reload", "exit", "quit", "help", "memoryview", "type",
                "super", "classmethod", "staticmethod", "property", "map", "filter", "iter", "next", "sorted",
                "min", "max"}) {
                deny(m, builtins + "." + name, name.equals("apply") || name.equals("reload") || name.equals("help")
                        ? Severity.CRITICAL : Severity.HIGH, name.equals("apply") || name.equals("help")
                        ? RUNS_CODE : name.equals("reload") ? REFLECTION : "can call any callable it is given"
                        + " or build new types, a step towards running code");
            }
        }
        // Interpreter hooks and code that runs later.
        deny(m, "atexit.*", Severity.CRITICAL, "registers code to run when the loading process exits");
        deny(m, "inspect.*", Severity.HIGH, REFLECTION);
        deny(m, "ast.*", Severity.HIGH, "builds Python code trees, a step towards compiling and running code");
        deny(m, "logging.*", Severity.HIGH, "can write log files anywhere the loading process may write");
        deny(m, "logging.config.*", Severity.CRITICAL, "can listen on a socket and evaluate received configuration");
        for (String module : new String[] {"compileall", "py_compile", "zipapp"}) {
            deny(m, module + ".*", Severity.CRITICAL, FILES);
        }
        for (String module : new String[] {"sqlite3", "dbm", "gzip", "bz2", "lzma", "resource", "fcntl"}) {
            deny(m, module + ".*", Severity.HIGH, FILES);
        }
        // ML libraries: file writers, nested loaders and native code.
        deny(m, "numpy.save", Severity.CRITICAL, FILES);
        deny(m, "numpy.savez", Severity.CRITICAL, FILES);
        deny(m, "numpy.savez_compressed", Severity.CRITICAL, FILES);
        deny(m, "numpy.savetxt", Severity.CRITICAL, FILES);
        deny(m, "numpy.memmap", Severity.HIGH, FILES);
        deny(m, "numpy.fromfile", Severity.HIGH, FILES);
        deny(m, "numpy.loadtxt", Severity.HIGH, FILES);
        deny(m, "numpy.genfromtxt", Severity.HIGH, FILES);
        deny(m, "numpy.lib.npyio.*", Severity.HIGH, NESTED);
        deny(m, "torch.save", Severity.CRITICAL, FILES);
        deny(m, "torch.from_file", Severity.HIGH, FILES);
        deny(m, "torch.serialization.load", Severity.HIGH, NESTED);
        deny(m, "torch.ops.load_library", Severity.CRITICAL, NATIVE);
        deny(m, "torch.classes.load_library", Severity.CRITICAL, NATIVE);
        deny(m, "torch.compile", Severity.HIGH, RUNS_CODE);
        deny(m, "joblib.dump", Severity.CRITICAL, FILES);
        deny(m, "pandas.read_pickle", Severity.HIGH, NESTED);
        deny(m, "pandas.io.pickle.read_pickle", Severity.HIGH, NESTED);
        deny(m, "keras.models.load_model", Severity.HIGH, NESTED);
        deny(m, "tensorflow.keras.models.load_model", Severity.HIGH, NESTED);
    }

    /** The standard {@code torch.nn} module classes a pickled (not TorchScript) model names, one by one. */
    private static void torchModules(Map<String, ScanPolicy.Decision> m) {
        String[][] modules = {
            {"linear", "Linear", "Identity", "Bilinear", "LazyLinear", "NonDynamicallyQuantizableLinear"},
            {"container", "Sequential", "ModuleList", "ModuleDict", "ParameterList", "ParameterDict"},
            {"activation", "ReLU", "ReLU6", "GELU", "SiLU", "Mish", "Sigmoid", "Tanh", "Softmax", "LogSoftmax",
                "LeakyReLU", "ELU", "SELU", "PReLU", "Softplus", "Hardswish", "Hardsigmoid", "Hardtanh",
                "MultiheadAttention", "GLU"},
            {"conv", "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d"},
            {"batchnorm", "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "SyncBatchNorm"},
            {"normalization", "LayerNorm", "GroupNorm", "LocalResponseNorm", "RMSNorm"},
            {"instancenorm", "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d"},
            {"dropout", "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout"},
            {"pooling", "MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d",
                "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "AdaptiveMaxPool1d",
                "AdaptiveMaxPool2d"},
            {"sparse", "Embedding", "EmbeddingBag"},
            {"rnn", "RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell"},
            {"flatten", "Flatten", "Unflatten"},
            {"transformer", "Transformer", "TransformerEncoder", "TransformerEncoderLayer", "TransformerDecoder",
                "TransformerDecoderLayer"},
            {"padding", "ZeroPad2d", "ConstantPad1d", "ConstantPad2d", "ReflectionPad2d", "ReplicationPad2d"},
            {"upsampling", "Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d"},
            {"pixelshuffle", "PixelShuffle", "PixelUnshuffle"},
            {"loss", "CrossEntropyLoss", "MSELoss", "L1Loss", "NLLLoss", "BCELoss", "BCEWithLogitsLoss",
                "SmoothL1Loss", "HuberLoss"},
        };
        for (String[] row : modules) {
            for (int i = 1; i < row.length; i++) {
                allow(m, "torch.nn.modules." + row[0] + "." + row[i]);
            }
        }
    }

    /**
     * The scikit-learn classes (and the few functions they hold as attributes) of common estimators,
     * under the private modules that define them. Classes that carry user callables
     * ({@code FunctionTransformer}) are left out on purpose.
     */
    private static void sklearn(Map<String, ScanPolicy.Decision> m) {
        String[][] classes = {
            {"linear_model._base", "LinearRegression"},
            {"linear_model._logistic", "LogisticRegression", "LogisticRegressionCV"},
            {"linear_model._ridge", "Ridge", "RidgeClassifier", "RidgeCV", "RidgeClassifierCV"},
            {"linear_model._coordinate_descent", "Lasso", "ElasticNet", "LassoCV", "ElasticNetCV"},
            {"linear_model._stochastic_gradient", "SGDClassifier", "SGDRegressor"},
            {"linear_model._perceptron", "Perceptron"},
            {"linear_model._bayes", "BayesianRidge", "ARDRegression"},
            {"linear_model._huber", "HuberRegressor"},
            {"tree._classes", "DecisionTreeClassifier", "DecisionTreeRegressor", "ExtraTreeClassifier",
                "ExtraTreeRegressor"},
            {"tree._tree", "Tree"},
            {"ensemble._forest", "RandomForestClassifier", "RandomForestRegressor", "ExtraTreesClassifier",
                "ExtraTreesRegressor"},
            {"ensemble._gb", "GradientBoostingClassifier", "GradientBoostingRegressor"},
            {"ensemble._gb_losses", "BinomialDeviance", "MultinomialDeviance", "LeastSquaresError",
                "LeastAbsoluteError", "HuberLossFunction"},
            {"ensemble._hist_gradient_boosting.gradient_boosting", "HistGradientBoostingClassifier",
                "HistGradientBoostingRegressor"},
            {"ensemble._hist_gradient_boosting.predictor", "TreePredictor"},
            {"ensemble._hist_gradient_boosting.binning", "_BinMapper"},
            {"ensemble._weight_boosting", "AdaBoostClassifier", "AdaBoostRegressor"},
            {"ensemble._bagging", "BaggingClassifier", "BaggingRegressor"},
            {"ensemble._voting", "VotingClassifier", "VotingRegressor"},
            {"ensemble._stacking", "StackingClassifier", "StackingRegressor"},
            {"ensemble._iforest", "IsolationForest"},
            {"_loss.loss", "HalfSquaredError", "HalfBinomialLoss", "HalfMultinomialLoss", "AbsoluteError",
                "HalfPoissonLoss", "PinballLoss", "HuberLoss"},
            {"_loss.link", "IdentityLink", "LogitLink", "LogLink", "MultinomialLogit", "Interval"},
            {"svm._classes", "SVC", "SVR", "LinearSVC", "LinearSVR", "NuSVC", "NuSVR", "OneClassSVM"},
            {"neighbors._classification", "KNeighborsClassifier", "RadiusNeighborsClassifier"},
            {"neighbors._regression", "KNeighborsRegressor", "RadiusNeighborsRegressor"},
            {"neighbors._unsupervised", "NearestNeighbors"},
            {"neighbors._kd_tree", "KDTree", "newObj"},
            {"neighbors._ball_tree", "BallTree", "newObj"},
            {"naive_bayes", "GaussianNB", "MultinomialNB", "BernoulliNB", "ComplementNB", "CategoricalNB"},
            {"preprocessing._data", "StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler", "Normalizer",
                "QuantileTransformer", "PowerTransformer", "Binarizer"},
            {"preprocessing._encoders", "OneHotEncoder", "OrdinalEncoder"},
            {"preprocessing._label", "LabelEncoder", "LabelBinarizer", "MultiLabelBinarizer"},
            {"preprocessing._polynomial", "PolynomialFeatures", "SplineTransformer"},
            {"preprocessing._discretization", "KBinsDiscretizer"},
            {"pipeline", "Pipeline", "FeatureUnion"},
            {"compose._column_transformer", "ColumnTransformer"},
            {"compose._target", "TransformedTargetRegressor"},
            {"decomposition._pca", "PCA"},
            {"decomposition._incremental_pca", "IncrementalPCA"},
            {"decomposition._truncated_svd", "TruncatedSVD"},
            {"decomposition._nmf", "NMF"},
            {"cluster._kmeans", "KMeans", "MiniBatchKMeans"},
            {"cluster._dbscan", "DBSCAN"},
            {"feature_extraction.text", "CountVectorizer", "TfidfVectorizer", "TfidfTransformer",
                "HashingVectorizer"},
            {"feature_extraction._dict_vectorizer", "DictVectorizer"},
            {"impute._base", "SimpleImputer", "MissingIndicator"},
            {"impute._knn", "KNNImputer"},
            {"feature_selection._univariate_selection", "SelectKBest", "SelectPercentile", "f_classif",
                "f_regression", "chi2"},
            {"feature_selection._variance_threshold", "VarianceThreshold"},
            {"neural_network._multilayer_perceptron", "MLPClassifier", "MLPRegressor"},
            {"neural_network._stochastic_optimizers", "AdamOptimizer", "SGDOptimizer"},
            {"model_selection._search", "GridSearchCV", "RandomizedSearchCV"},
            {"model_selection._split", "KFold", "StratifiedKFold"},
            {"calibration", "CalibratedClassifierCV", "_CalibratedClassifier", "_SigmoidCalibration"},
            {"isotonic", "IsotonicRegression"},
            {"multiclass", "OneVsRestClassifier", "OneVsOneClassifier"},
            {"multioutput", "MultiOutputClassifier", "MultiOutputRegressor"},
            {"dummy", "DummyClassifier", "DummyRegressor"},
            {"utils._bunch", "Bunch"},
        };
        for (String[] row : classes) {
            for (int i = 1; i < row.length; i++) {
                allow(m, "sklearn." + row[0] + "." + row[i]);
            }
        }
    }

    static Map<String, ScanPolicy.Decision> savedModelOps() {
        Map<String, ScanPolicy.Decision> m = new LinkedHashMap<>();
        deny(m, "WriteFile", Severity.CRITICAL, "writes a file anywhere the loading process may write, "
                + "for example a shell start-up file, which leads to code execution");
        deny(m, "ReadFile", Severity.HIGH, "reads any file the loading process may read (keys, credentials) "
                + "and can return its content as model output");
        deny(m, "MatchingFiles", Severity.MEDIUM, "lists files on the host by glob pattern");
        for (String op : new String[] {"PyFunc", "EagerPyFunc", "PyFuncStateless"}) {
            deny(m, op, Severity.HIGH, "calls back into Python code registered in the loading process");
        }
        deny(m, "ImmutableConst", Severity.HIGH, "memory-maps a file from an arbitrary path");
        deny(m, "LoadAndRemapMatrix", Severity.HIGH, "reads checkpoint files from an arbitrary path");
        deny(m, "DebugIdentityV2", Severity.MEDIUM, "writes debug event files to a directory the model chooses");
        for (String op : new String[] {"DebugIdentity", "DebugNanCount", "DebugNumericSummary"}) {
            deny(m, op, Severity.MEDIUM, "can stream tensors to a file or gRPC debug URL the model chooses");
        }
        deny(m, "PrintV2", Severity.LOW, "prints tensors; with a file:// output stream it appends to a file");
        deny(m, "CreateSummaryFileWriter", Severity.MEDIUM, "writes summary event files to a directory the model chooses");
        deny(m, "WriteSummary", Severity.LOW, "writes summary events to a file writer");
        for (String op : new String[] {"TFRecordDataset", "TFRecordDatasetV2", "TextLineDataset",
            "TextLineDatasetV2", "FixedLengthRecordDataset", "FixedLengthRecordDatasetV2"}) {
            deny(m, op, Severity.MEDIUM, "reads records from files at paths the model chooses");
        }
        deny(m, "DatasetToTFRecord", Severity.HIGH, "writes a file at a path the model chooses");
        deny(m, "ExperimentalDatasetToTFRecord", Severity.HIGH, "writes a file at a path the model chooses");
        for (String op : new String[] {"Rpc", "TryRpc", "RpcCall", "RpcClient", "RpcServer"}) {
            deny(m, op, Severity.HIGH, "opens network connections");
        }
        deny(m, "InitializeTableFromTextFile", Severity.LOW, "reads a text file (usually a bundled vocabulary asset)");
        deny(m, "InitializeTableFromTextFileV2", Severity.LOW, "reads a text file (usually a bundled vocabulary asset)");
        return m;
    }

    static Map<String, ScanPolicy.Decision> kerasLayers() {
        Map<String, ScanPolicy.Decision> m = new LinkedHashMap<>();
        deny(m, "Lambda", Severity.CRITICAL, "holds a Python function that runs when the model is loaded or called");
        return m;
    }

    private static void deny(Map<String, ScanPolicy.Decision> m, String pattern, Severity s, String reason) {
        m.put(pattern, new ScanPolicy.Decision(pattern, s, reason));
    }

    private static void allow(Map<String, ScanPolicy.Decision> m, String pattern) {
        m.put(pattern, new ScanPolicy.Decision(pattern, null, "allowed by the default policy"));
    }
}
