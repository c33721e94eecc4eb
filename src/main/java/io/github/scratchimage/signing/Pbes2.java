package io.github.scratchimage.signing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts a PKCS#8 {@code EncryptedPrivateKeyInfo} protected with PBES2 (RFC 8018): PBKDF2 with an
 * HMAC-SHA PRF, then AES-CBC. That is what {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} and
 * {@code openssl genpkey -aes-256-cbc} write. The JDK's {@code EncryptedPrivateKeyInfo} parses such
 * a file but names its algorithm just "PBES2", which no JDK 17 cipher or key factory accepts, so
 * the scheme is read here and its two steps run on the JDK's own PBKDF2 and AES.
 */
final class Pbes2 {
    private static final String PBES2 = "1.2.840.113549.1.5.13";
    private static final String PBKDF2 = "1.2.840.113549.1.5.12";
    private static final String SCRYPT = "1.3.6.1.4.1.11591.4.11";
    /** RFC 8018: without a PRF field, PBKDF2 uses HMAC-SHA1. */
    private static final String HMAC_SHA1 = "1.2.840.113549.2.7";
    private static final Map<String, String> PRFS = Map.of(
            HMAC_SHA1, "PBKDF2WithHmacSHA1",
            "1.2.840.113549.2.8", "PBKDF2WithHmacSHA224",
            "1.2.840.113549.2.9", "PBKDF2WithHmacSHA256",
            "1.2.840.113549.2.10", "PBKDF2WithHmacSHA384",
            "1.2.840.113549.2.11", "PBKDF2WithHmacSHA512");
    /** AES-CBC by key length in bytes. */
    private static final Map<String, Integer> AES_CBC = Map.of(
            "2.16.840.1.101.3.4.1.2", 16,
            "2.16.840.1.101.3.4.1.22", 24,
            "2.16.840.1.101.3.4.1.42", 32);
    /**
     * openssl writes 2048 and asks for no more than a few hundred thousand; a count in the
     * billions is a damaged file, and deriving it would stall the build for hours.
     */
    private static final int MAX_ITERATIONS = 10_000_000;

    private Pbes2() {
    }

    /** The {@code PrivateKeyInfo} DER inside; {@link WrongPassphraseException} when it does not decrypt. */
    static byte[] decrypt(byte[] encryptedPrivateKeyInfo, char[] passphrase)
            throws KeyProblem, WrongPassphraseException, Der.MalformedDerException {
        Der info = Der.of(encryptedPrivateKeyInfo).sequence("EncryptedPrivateKeyInfo");
        Der algorithm = info.sequence("encryptionAlgorithm");
        String scheme = algorithm.oid("encryptionAlgorithm");
        if (!scheme.equals(PBES2)) {
            throw unsupported("the legacy PBES1/PKCS#12 scheme " + scheme);
        }
        Der parameters = algorithm.sequence("PBES2-params");
        Der kdf = parameters.sequence("keyDerivationFunc");
        String kdfOid = kdf.oid("keyDerivationFunc");
        if (!kdfOid.equals(PBKDF2)) {
            throw unsupported(kdfOid.equals(SCRYPT) ? "scrypt key derivation" : "key derivation " + kdfOid);
        }
        Der kdfParameters = kdf.sequence("PBKDF2-params");
        byte[] salt = kdfParameters.octetString("PBKDF2 salt");
        BigInteger iterations = kdfParameters.integer("PBKDF2 iterationCount");
        if (iterations.signum() < 1 || iterations.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
            throw new KeyProblem("its PBKDF2 iteration count " + iterations + " is outside 1.." + MAX_ITERATIONS,
                    reencrypt());
        }
        BigInteger declaredKeyLength = null;
        String prf = HMAC_SHA1;
        if (kdfParameters.hasMore() && kdfParameters.peekTag() == Der.INTEGER) {
            declaredKeyLength = kdfParameters.integer("PBKDF2 keyLength");
        }
        if (kdfParameters.hasMore()) {
            prf = kdfParameters.sequence("PBKDF2 prf").oid("PBKDF2 prf");
        }
        String prfAlgorithm = PRFS.get(prf);
        if (prfAlgorithm == null) {
            throw unsupported("PBKDF2 with the PRF " + prf);
        }
        Der encryption = parameters.sequence("encryptionScheme");
        String cipherOid = encryption.oid("encryptionScheme");
        Integer keyLength = AES_CBC.get(cipherOid);
        if (keyLength == null) {
            throw unsupported("the cipher " + cipherOid + " (only AES-CBC is read)");
        }
        if (declaredKeyLength != null && !declaredKeyLength.equals(BigInteger.valueOf(keyLength))) {
            throw new KeyProblem("its PBKDF2 keyLength " + declaredKeyLength + " does not fit AES with "
                    + keyLength + "-byte keys", reencrypt());
        }
        byte[] iv = encryption.octetString("AES-CBC IV");
        if (iv.length != 16) {
            throw new KeyProblem("its AES-CBC IV is " + iv.length + " bytes, not 16", reencrypt());
        }
        byte[] encrypted = info.octetString("encryptedData");
        return aesCbc(encrypted, derive(prfAlgorithm, passphrase, salt, iterations.intValue(), keyLength), iv);
    }

    private static byte[] derive(String prfAlgorithm, char[] passphrase, byte[] salt, int iterations, int keyLength) {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, keyLength * 8);
        try {
            return SecretKeyFactory.getInstance(prfAlgorithm).generateSecret(spec).getEncoded();
        } catch (InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2 rejected its parameters", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + prfAlgorithm, e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] aesCbc(byte[] encrypted, byte[] key, byte[] iv) throws KeyProblem, WrongPassphraseException {
        if (encrypted.length == 0 || encrypted.length % 16 != 0) {
            throw new KeyProblem("its encrypted data is " + encrypted.length + " bytes, not a whole number"
                    + " of AES blocks", "the file is damaged: write it again from the original key");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(encrypted);
        } catch (BadPaddingException e) {
            // A different passphrase gives a different AES key, and its output almost never ends
            // in valid padding.
            throw new WrongPassphraseException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot run AES-CBC", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static KeyProblem unsupported(String what) {
        return new KeyProblem("it is encrypted with " + what + ", which this plugin does not decrypt", reencrypt());
    }

    private static String reencrypt() {
        return "re-encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in <this file> -out <new file>";
    }

    /** The derived key does not decrypt the data: not the passphrase the file was written with. */
    static final class WrongPassphraseException extends Exception {
        WrongPassphraseException() {
            super("the passphrase does not decrypt the key");
        }
    }
}
