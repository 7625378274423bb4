package org.secmlops.core.sign;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.secmlops.core.capability.sign.VerificationKey;
import org.secmlops.core.result.Json;
import org.secmlops.core.sign.VerificationProblem.Kind;

/**
 * A Sigstore bundle ({@code application/vnd.dev.sigstore.bundle.v0.3+json}) holding a DSSE envelope, as the
 * OMS bundle schema ({@code bundle.schema.json}, {@code envelope.schema.json}) allows it. Parsing checks the
 * structure only; the signature is checked by {@link ModelVerifier}.
 *
 * @param mediaType    the bundle's media type
 * @param method       {@code key}, {@code certificate} or {@code sigstore}, from the verification material
 * @param keyHint      {@code publicKey.hint} (current bundles); {@code null} if absent
 * @param keyRawPem    {@code publicKey.rawBytes} decoded (bundles before v1.1.0: the PEM text); {@code null}
 *                     if absent
 * @param payloadType  the DSSE payload type
 * @param payload      the decoded DSSE payload
 * @param signatures   the decoded DSSE signatures, at least one
 */
record SigstoreBundle(String mediaType, String method, String keyHint, String keyRawPem, String payloadType,
        byte[] payload, List<byte[]> signatures) {
    /** The media type this package writes, as the reference implementation does. */
    static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    static final String KEY = "key";
    static final String CERTIFICATE = "certificate";
    static final String SIGSTORE = "sigstore";

    /** Writes a key-method bundle exactly as the reference implementation lays it out (compact JSON). */
    static byte[] write(VerificationKey key, byte[] payload, byte[] signature) {
        ObjectNode bundle = Json.mapper().createObjectNode();
        bundle.put("mediaType", MEDIA_TYPE);
        ObjectNode material = bundle.putObject("verificationMaterial");
        material.putObject("publicKey").put("hint", key.hint());
        material.putArray("tlogEntries");
        ObjectNode envelope = bundle.putObject("dsseEnvelope");
        envelope.put("payload", Base64.getEncoder().encodeToString(payload));
        envelope.put("payloadType", Dsse.IN_TOTO_PAYLOAD_TYPE);
        envelope.putArray("signatures").addObject()
                .put("sig", Base64.getEncoder().encodeToString(signature))
                .put("keyid", "");
        try {
            return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(bundle);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize bundle", e);
        }
    }

    /**
     * Parses and checks a bundle file's content.
     *
     * @throws BundleException of kind {@link Kind#MALFORMED_BUNDLE} saying what is wrong
     */
    static SigstoreBundle parse(byte[] content) throws BundleException {
        if (new String(content, StandardCharsets.UTF_8).isBlank()) {
            throw malformed("the signature file is empty");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(content);
        } catch (JacksonException e) {
            throw malformed("the signature file is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw malformed("the signature file cannot be parsed: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("the signature file is not a JSON object");
        }
        onlyFields(root, "bundle", Set.of("mediaType", "verificationMaterial", "dsseEnvelope"));
        String mediaType = requiredText(root, "mediaType", "bundle");
        if (!mediaType.startsWith("application/vnd.dev.sigstore.bundle")) {
            throw malformed("mediaType " + mediaType + " is not a Sigstore bundle media type");
        }
        JsonNode material = root.get("verificationMaterial");
        if (material == null || !material.isObject()) {
            throw malformed("the bundle has no verificationMaterial object");
        }
        JsonNode envelope = root.get("dsseEnvelope");
        if (envelope == null || !envelope.isObject()) {
            throw malformed("the bundle has no dsseEnvelope object (message signatures are not OMS bundles)");
        }
        String method;
        String hint = null;
        String rawPem = null;
        JsonNode tlog = material.get("tlogEntries");
        if (tlog != null && !tlog.isArray()) {
            throw malformed("verificationMaterial.tlogEntries is not an array");
        }
        JsonNode timestamps = material.get("timestampVerificationData");
        if (timestamps != null && !timestamps.isObject()) {
            throw malformed("verificationMaterial.timestampVerificationData is not an object");
        }
        if (material.has("publicKey")) {
            method = KEY;
            JsonNode publicKey = material.get("publicKey");
            if (!publicKey.isObject()) {
                throw malformed("verificationMaterial.publicKey is not an object");
            }
            JsonNode hintNode = publicKey.get("hint");
            JsonNode rawNode = publicKey.get("rawBytes");
            if ((hintNode == null || hintNode.isNull()) && (rawNode == null || rawNode.isNull())) {
                throw malformed("verificationMaterial.publicKey has neither hint nor rawBytes");
            }
            if (hintNode != null && !hintNode.isNull()) {
                if (!hintNode.isTextual()) {
                    throw malformed("verificationMaterial.publicKey.hint is not a string");
                }
                hint = hintNode.textValue();
            }
            if (rawNode != null && !rawNode.isNull()) {
                if (!rawNode.isTextual()) {
                    throw malformed("verificationMaterial.publicKey.rawBytes is not a string");
                }
                rawPem = new String(base64(rawNode.textValue(), "verificationMaterial.publicKey.rawBytes"),
                        StandardCharsets.ISO_8859_1);
            }
        } else if (material.has("x509CertificateChain")) {
            method = CERTIFICATE;
            JsonNode certificates = material.path("x509CertificateChain").path("certificates");
            if (!certificates.isArray() || certificates.isEmpty()) {
                throw malformed("verificationMaterial.x509CertificateChain has no certificates");
            }
            for (JsonNode certificate : certificates) {
                requiredText(certificate, "rawBytes", "x509CertificateChain.certificates[]");
            }
        } else if (material.has("certificate")) {
            method = SIGSTORE;
            requiredText(material.get("certificate"), "rawBytes", "verificationMaterial.certificate");
            if (tlog == null || tlog.isEmpty()) {
                throw malformed("a Sigstore (keyless) bundle must have at least one transparency log entry"
                        + " (verificationMaterial.tlogEntries)");
            }
        } else {
            throw malformed("verificationMaterial has no publicKey, x509CertificateChain or certificate");
        }

        onlyFields(envelope, "dsseEnvelope", Set.of("payload", "payloadType", "signatures"));
        String payloadText = requiredText(envelope, "payload", "dsseEnvelope");
        String payloadType = requiredText(envelope, "payloadType", "dsseEnvelope");
        if (!Dsse.IN_TOTO_PAYLOAD_TYPE.equals(payloadType)) {
            throw malformed("dsseEnvelope.payloadType is " + payloadType + ", expected " + Dsse.IN_TOTO_PAYLOAD_TYPE);
        }
        byte[] payload = base64(payloadText, "dsseEnvelope.payload");
        JsonNode signatureNodes = envelope.get("signatures");
        if (signatureNodes == null || !signatureNodes.isArray() || signatureNodes.isEmpty()) {
            throw malformed("dsseEnvelope.signatures must hold at least one signature");
        }
        List<byte[]> signatures = new ArrayList<>();
        for (JsonNode signature : signatureNodes) {
            if (!signature.isObject()) {
                throw malformed("a dsseEnvelope signature is not an object");
            }
            onlyFields(signature, "dsseEnvelope.signatures[]", Set.of("sig", "keyid"));
            JsonNode keyId = signature.get("keyid");
            if (keyId != null && !keyId.isNull() && !keyId.isTextual()) {
                throw malformed("dsseEnvelope.signatures[].keyid must be a string or null");
            }
            signatures.add(base64(requiredText(signature, "sig", "dsseEnvelope.signatures[]"),
                    "dsseEnvelope.signatures[].sig"));
        }
        return new SigstoreBundle(mediaType, method, hint, rawPem, payloadType, payload, List.copyOf(signatures));
    }

    private static void onlyFields(JsonNode node, String where, Set<String> allowed) throws BundleException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw malformed("unexpected field " + name + " in " + where);
            }
        }
    }

    private static String requiredText(JsonNode node, String field, String where) throws BundleException {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw malformed(where + " has no " + field + " string");
        }
        return value.textValue();
    }

    private static byte[] base64(String text, String where) throws BundleException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException again) {
                throw malformed(where + " is not valid base64");
            }
        }
    }

    private static BundleException malformed(String message) {
        return new BundleException(Kind.MALFORMED_BUNDLE, message);
    }
}
