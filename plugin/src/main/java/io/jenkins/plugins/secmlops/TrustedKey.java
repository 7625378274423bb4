package io.jenkins.plugins.secmlops;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.secmlops.core.capability.sign.EcKeys;
import org.secmlops.core.capability.sign.SignException;

/**
 * A public key that deployment pipelines trust, configured once by an administrator and named in
 * {@code verifyModel trustedKey: 'release'}. Public keys are not secrets.
 */
public class TrustedKey extends AbstractDescribableImpl<TrustedKey> implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String name;
    private final String publicKeyPem;

    @DataBoundConstructor
    public TrustedKey(String name, String publicKeyPem) {
        this.name = name == null ? "" : name.trim();
        this.publicKeyPem = publicKeyPem == null ? "" : publicKeyPem.trim();
    }

    public String getName() {
        return name;
    }

    public String getPublicKeyPem() {
        return publicKeyPem;
    }

    /** What is wrong with a key name, if anything. */
    static Optional<String> nameProblem(String name) {
        return name != null && NAME.matcher(name.trim()).matches() ? Optional.empty()
                : Optional.of("A key name is 1 to 64 letters, digits, '.', '-' or '_'.");
    }

    /** What is wrong with a public key, if anything: the curve and hint when it is fine. */
    static Optional<String> keyProblem(String pem) {
        try {
            EcKeys.parsePublicKeyPem(pem == null ? "" : pem, "the public key");
            return Optional.empty();
        } catch (SignException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The key's form. */
    @Extension
    public static class DescriptorImpl extends Descriptor<TrustedKey> {
        JenkinsFacade facade() {
            return new JenkinsFacade();
        }

        @Override
        public String getDisplayName() {
            return "Trusted public key";
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            facade().checkAdminPermission();
            return nameProblem(value).map(FormValidation::error).orElseGet(FormValidation::ok);
        }

        @POST
        public FormValidation doCheckPublicKeyPem(@QueryParameter String value) {
            facade().checkAdminPermission();
            return keyProblem(value).map(FormValidation::error).orElseGet(FormValidation::ok);
        }
    }
}
