/**
 * Model signing and verification in the OpenSSF Model Signing (OMS) v1.0 format, key method: a Sigstore
 * bundle with a DSSE envelope over an in-toto statement that lists every model file (or shard) with its
 * SHA-256, signed with an ECDSA P-256/P-384/P-521 key. Interoperates with the reference implementation
 * (sigstore/model-transparency) in both directions; see {@code docs/signing.md}.
 *
 * <p>Entry points: {@link org.secmlops.core.sign.ModelSigner} with a {@link org.secmlops.core.sign.SignRequest},
 * {@link org.secmlops.core.sign.ModelVerifier} with a {@link org.secmlops.core.sign.VerifyRequest}; as gates,
 * {@link org.secmlops.core.capability.sign.SignCapability} and {@link org.secmlops.core.capability.sign.VerifyCapability}. The
 * optional {@link org.secmlops.core.sign.GateAttestation} signs the gate results of a model beside its
 * signature.
 */
package org.secmlops.core.sign;

import org.secmlops.core.capability.sign.SignCapability;
import org.secmlops.core.capability.sign.VerifyCapability;
