package jenkins;

/** Compile-only declaration of Jenkins core {@code jenkins.YesNoMaybe} (2.479.3). */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
