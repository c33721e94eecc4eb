package io.github.scratchimage.signing;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a PKCS#8 {@code PrivateKeyInfo} (RFC 5208/5958) far enough to refuse anything but an EC
 * key on P-256, naming what it is instead, and to find the public point that openssl stores with
 * the private scalar in the SEC1 structure (RFC 5915).
 */
final class Pkcs8 {
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    static final String P256 = "1.2.840.10045.3.1.7";
    private static final Map<String, String> ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", "an RSA key",
            "1.2.840.113549.1.1.10", "an RSASSA-PSS key",
            "1.2.840.10040.4.1", "a DSA key",
            "1.3.101.112", "an Ed25519 key",
            "1.3.101.113", "an Ed448 key",
            "1.3.101.110", "an X25519 key",
            "1.3.101.111", "an X448 key");
    private static final Map<String, String> CURVES = Map.of(
            "1.3.132.0.34", "P-384 (secp384r1)",
            "1.3.132.0.35", "P-521 (secp521r1)",
            "1.2.840.10045.3.1.1", "P-192 (prime192v1)",
            "1.3.132.0.33", "P-224 (secp224r1)",
            "1.3.132.0.10", "secp256k1",
            "1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1",
            "1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1");
    private static final int CONTEXT_1 = 0xa1;

    /** The private scalar and, when the file carries it, the SEC1 public point. */
    record EcPrivateKey(BigInteger scalar, Optional<byte[]> publicPoint) {
    }

    private Pkcs8() {
    }

    static EcPrivateKey readP256(byte[] privateKeyInfo) throws KeyProblem, Der.MalformedDerException {
        Der info = Der.of(privateKeyInfo).sequence("PrivateKeyInfo");
        info.integer("PrivateKeyInfo version");
        Der algorithm = info.sequence("privateKeyAlgorithm");
        String algorithmOid = algorithm.oid("privateKeyAlgorithm");
        if (!algorithmOid.equals(EC_PUBLIC_KEY)) {
            throw notP256(ALGORITHMS.getOrDefault(algorithmOid, "a key of algorithm " + algorithmOid));
        }
        if (!algorithm.hasMore() || algorithm.peekTag() != Der.OID) {
            throw new KeyProblem("it is an EC key with explicit curve parameters instead of a named curve",
                    "rewrite it naming the curve: openssl pkey -in <this file> -out <new file>"
                            + " -ec_param_enc named_curve");
        }
        String curve = algorithm.oid("namedCurve");
        if (!curve.equals(P256)) {
            throw notP256("an EC key on " + CURVES.getOrDefault(curve, "the curve " + curve));
        }
        Der sec1 = Der.of(info.octetString("privateKey")).sequence("ECPrivateKey");
        sec1.integer("ECPrivateKey version");
        BigInteger scalar = new BigInteger(1, sec1.octetString("ECPrivateKey privateKey"));
        Optional<byte[]> publicPoint = Optional.empty();
        while (sec1.hasMore()) {
            if (sec1.peekTag() == CONTEXT_1) {
                publicPoint = Optional.of(sec1.element(CONTEXT_1, "ECPrivateKey publicKey")
                        .bitString("ECPrivateKey publicKey"));
            } else {
                sec1.skip("ECPrivateKey parameters");
            }
        }
        return new EcPrivateKey(scalar, publicPoint);
    }

    private static KeyProblem notP256(String found) {
        return new KeyProblem("it is " + found
                + ", but image signatures are made with ECDSA P-256 keys, the kind cosign makes",
                "make a P-256 key: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256"
                        + " -aes-256-cbc -out cosign-key.pem");
    }
}
