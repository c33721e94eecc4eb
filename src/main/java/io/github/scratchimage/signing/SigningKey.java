package io.github.scratchimage.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An ECDSA P-256 private key from a PKCS#8 PEM file, plain or encrypted with PBES2, and the
 * public key that belongs to it. Everything that can be wrong with the file is found by
 * {@link #load}, so a build refuses before it pushes an image it then cannot sign.
 *
 * <p>The passphrase is used to decrypt and then dropped: it is not kept, and no message or
 * {@code toString} contains it.
 */
public final class SigningKey {
    /** The settings.xml {@code <server>} whose {@code <passphrase>} or {@code <password>} decrypts the key. */
    public static final String SERVER_ID = "scratch.signing";
    public static final String PASSPHRASE_VARIABLE = "SCRATCH_SIGNING_PASSPHRASE";
    /** A PEM private key is a few hundred bytes; anything this large is some other file. */
    private static final long MAX_FILE_SIZE = 64 * 1024;
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final String GENERATE = "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256"
            + " -aes-256-cbc -out cosign-key.pem";
    private static final String TO_PKCS8 = "openssl pkcs8 -topk8 -v2 aes-256-cbc -in <this file> -out <new file>";

    private final String file;
    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    private SigningKey(String file, ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.file = file;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * Reads {@code pemFile}. {@code passphrase} is needed only for an {@code ENCRYPTED PRIVATE KEY}
     * and ignored for a plain one; the caller keeps ownership of the array (it is not cleared).
     */
    public static SigningKey load(Path pemFile, Optional<char[]> passphrase) throws SigningKeyException {
        return load(pemFile, passphrase, passphraseSources());
    }

    /** The same; {@code passphraseSources} says where the caller reads a passphrase, for messages. */
    public static SigningKey load(Path pemFile, Optional<char[]> passphrase, String passphraseSources)
            throws SigningKeyException {
        String file = pemFile.toString();
        try {
            Pem.Block block = privateKeyBlock(read(pemFile));
            if (block.label().equals("ENCRYPTED PRIVATE KEY")) {
                if (passphrase.isEmpty()) {
                    throw new KeyProblem("it is an encrypted private key and no passphrase was given",
                            "give its passphrase as " + passphraseSources);
                }
                byte[] decrypted = Pbes2.decrypt(block.decode(), passphrase.get());
                try {
                    return fromPrivateKeyInfo(file, decrypted);
                } catch (Der.MalformedDerException e) {
                    // About 1 in 256 wrong passphrases yields valid padding around garbage.
                    throw new Pbes2.WrongPassphraseException();
                }
            }
            return fromPrivateKeyInfo(file, block.decode());
        } catch (KeyProblem e) {
            throw new SigningKeyException(file, e.problem(), e.fix());
        } catch (Pbes2.WrongPassphraseException e) {
            throw new SigningKeyException(file, "the passphrase given does not decrypt it",
                    "check the passphrase in " + passphraseSources);
        } catch (Der.MalformedDerException e) {
            throw new SigningKeyException(file, "it is not a well-formed PKCS#8 key (" + e.getMessage() + ")",
                    "the file is damaged: write it again from the original key, or make a new one: " + GENERATE);
        }
    }

    /** Where a passphrase comes from, for messages; the Maven layer reads these two places. */
    public static String passphraseSources() {
        return passphraseSources(SERVER_ID);
    }

    /** The same, for the settings.xml {@code <server>} with {@code serverId}. */
    public static String passphraseSources(String serverId) {
        return "<passphrase> (or <password>) of the <server> with <id>" + serverId + "</id> in settings.xml,"
                + " or the environment variable " + PASSPHRASE_VARIABLE;
    }

    public String file() {
        return file;
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    /** The public key as {@code openssl ec -pubout} writes it, for {@code cosign verify --key}. */
    public String publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicKey.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** The base64 of the DER ECDSA-SHA256 signature of {@code payload}, as cosign stores it. */
    public String sign(byte[] payload) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
            signature.initSign(privateKey);
            signature.update(payload);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not sign with a loaded P-256 key", e);
        }
    }

    /**
     * True when {@code base64Signature} (as {@link #sign} writes it) is this key's signature of
     * {@code payload}; false for another key's, or for anything that is not a signature at all.
     */
    public boolean verifies(byte[] payload, String base64Signature) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64Signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(payload);
            return verifier.verify(der);
        } catch (java.security.SignatureException e) {
            return false; // not DER, or not an ECDSA signature
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not verify with a loaded P-256 key", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + file + ", ECDSA P-256, public key sha256:" + fingerprint() + "]";
    }

    private String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path pemFile) throws KeyProblem {
        try {
            if (Files.isDirectory(pemFile)) {
                throw new KeyProblem("it is a directory", "point at the PEM private key file inside it");
            }
            long size = Files.size(pemFile);
            if (size > MAX_FILE_SIZE) {
                throw new KeyProblem("it is " + size + " bytes, far larger than a PEM private key",
                        "point at the private key file, not another file");
            }
            return new String(Files.readAllBytes(pemFile), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new KeyProblem("the signing key file does not exist",
                    "check the path, or make a key: " + GENERATE);
        } catch (AccessDeniedException e) {
            throw new KeyProblem("the signing key file cannot be read (permission denied)",
                    "let the build's user read it (chmod/chown), keeping it private to that user");
        } catch (IOException e) {
            throw new KeyProblem("the signing key file cannot be read (" + e + ")", "check the path and the disk");
        }
    }

    private static Pem.Block privateKeyBlock(String text) throws KeyProblem {
        List<Pem.Block> blocks = Pem.blocks(text);
        if (blocks.isEmpty()) {
            throw new KeyProblem("it is not a PEM file (no -----BEGIN ...----- line)",
                    "point at a PKCS#8 PEM private key (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY),"
                            + " or make one: " + GENERATE);
        }
        for (Pem.Block block : blocks) {
            if (block.label().equals("PRIVATE KEY") || block.label().equals("ENCRYPTED PRIVATE KEY")) {
                return block;
            }
        }
        Pem.Block first = blocks.stream().filter(b -> b.label().endsWith("PRIVATE KEY")).findFirst()
                .orElse(blocks.get(0));
        throw otherPem(first);
    }

    private static KeyProblem otherPem(Pem.Block block) {
        switch (block.label()) {
            case "EC PRIVATE KEY":
                return new KeyProblem("it is an OpenSSL traditional (SEC1) EC key, not PKCS#8"
                        + (block.hasHeaders() ? ", encrypted the legacy way" : ""), "convert it: " + TO_PKCS8);
            case "RSA PRIVATE KEY":
                return new KeyProblem("it is an RSA key, but image signatures are made with ECDSA P-256 keys,"
                        + " the kind cosign makes", "make a P-256 key: " + GENERATE);
            case "ENCRYPTED SIGSTORE PRIVATE KEY":
            case "ENCRYPTED COSIGN PRIVATE KEY":
                return new KeyProblem("it is a key in cosign's own encrypted format (scrypt and secretbox),"
                        + " which only cosign reads", "make a PKCS#8 key: " + GENERATE
                        + "; cosign import-key-pair --key cosign-key.pem gives cosign the same key");
            case "PUBLIC KEY":
            case "CERTIFICATE":
                return new KeyProblem("it holds a " + block.label().toLowerCase(java.util.Locale.ROOT)
                        + ", not the private key", "point at the private key that signs; cosign verify uses this one");
            default:
                return new KeyProblem("its PEM block is " + block.label() + ", not a PKCS#8 private key",
                        "point at a BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY file, or make one: " + GENERATE);
        }
    }

    private static SigningKey fromPrivateKeyInfo(String file, byte[] privateKeyInfo)
            throws KeyProblem, Der.MalformedDerException {
        Pkcs8.EcPrivateKey key = Pkcs8.readP256(privateKeyInfo);
        ECParameterSpec p256 = p256();
        BigInteger scalar = key.scalar();
        if (scalar.signum() <= 0 || scalar.compareTo(p256.getOrder()) >= 0) {
            throw new KeyProblem("its private scalar is outside the P-256 group order",
                    "the file is damaged: make a new key: " + GENERATE);
        }
        ECPoint point = key.publicPoint().flatMap(encoded -> PublicPoint.decode(encoded, p256))
                .orElseGet(() -> PublicPoint.multiplyGenerator(scalar, p256));
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(new ECPrivateKeySpec(scalar, p256));
            ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(point, p256));
            requirePair(privateKey, publicKey);
            return new SigningKey(file, privateKey, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK rejected a P-256 key it should accept", e);
        }
    }

    /**
     * A file whose stored public point is not {@code d·G} would sign images that its own public
     * key, the one published for verification, rejects.
     */
    private static void requirePair(ECPrivateKey privateKey, ECPublicKey publicKey)
            throws GeneralSecurityException, KeyProblem {
        byte[] probe = "scratch-maven-plugin key pair check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
        signer.initSign(privateKey);
        signer.update(probe);
        Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(signer.sign())) {
            throw new KeyProblem("its public key does not belong to its private key",
                    "the file is damaged: make a new key: " + GENERATE);
        }
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks the P-256 curve", e);
        }
    }
}
