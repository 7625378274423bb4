package hudson.model;

/** Compile-only declaration of Jenkins core {@code hudson.model.Action} (2.479.3). */
public interface Action {
    String getIconFileName();

    String getDisplayName();

    String getUrlName();
}
