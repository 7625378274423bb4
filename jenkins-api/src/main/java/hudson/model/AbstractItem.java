package hudson.model;

/**
 * Compile-only declaration of Jenkins core {@code hudson.model.AbstractItem} (2.479.3). Bodies throw.
 * Declared because {@link Job} inherits {@code getFullName()} / {@code getFullDisplayName()} from it.
 */
public abstract class AbstractItem extends Actionable implements Item {

    // Upstream constructor is protected AbstractItem(ItemGroup, String); not used by the plugin.
    AbstractItem() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

}
