package io.github.scratchimage.signing;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.Optional;

/**
 * The public point of an EC private key: decoded from the key file when it is there (openssl
 * always writes it), else computed as {@code d·G}. The JDK has no public API for the latter, so it
 * is a Montgomery ladder over affine coordinates. BigInteger arithmetic is not constant-time; it
 * runs once per build and only for key files written without their public point.
 */
final class PublicPoint {
    private static final BigInteger TWO = BigInteger.TWO;
    private static final BigInteger THREE = BigInteger.valueOf(3);

    private PublicPoint() {
    }

    /** An uncompressed SEC1 point ({@code 04 || X || Y}) on the curve, or empty for any other form. */
    static Optional<ECPoint> decode(byte[] encoded, ECParameterSpec curve) {
        int size = (fieldSize(curve) + 7) / 8;
        if (encoded.length != 1 + 2 * size || encoded[0] != 4) {
            return Optional.empty();
        }
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + size)),
                new BigInteger(1, Arrays.copyOfRange(encoded, 1 + size, encoded.length)));
        return isOnCurve(point, curve) ? Optional.of(point) : Optional.empty();
    }

    static ECPoint multiplyGenerator(BigInteger scalar, ECParameterSpec curve) {
        BigInteger p = prime(curve);
        BigInteger a = curve.getCurve().getA();
        ECPoint r0 = ECPoint.POINT_INFINITY;
        ECPoint r1 = curve.getGenerator();
        for (int i = curve.getOrder().bitLength() - 1; i >= 0; i--) {
            if (scalar.testBit(i)) {
                r0 = add(r0, r1, p, a);
                r1 = twice(r1, p, a);
            } else {
                r1 = add(r0, r1, p, a);
                r0 = twice(r0, p, a);
            }
        }
        return r0;
    }

    private static boolean isOnCurve(ECPoint point, ECParameterSpec curve) {
        BigInteger p = prime(curve);
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(curve.getCurve().getA().multiply(x)).add(curve.getCurve().getB()).mod(p);
        return y.pow(2).mod(p).equals(right);
    }

    private static ECPoint add(ECPoint s, ECPoint t, BigInteger p, BigInteger a) {
        if (s.equals(ECPoint.POINT_INFINITY)) {
            return t;
        }
        if (t.equals(ECPoint.POINT_INFINITY)) {
            return s;
        }
        if (s.getAffineX().equals(t.getAffineX())) {
            return s.getAffineY().equals(t.getAffineY()) ? twice(s, p, a) : ECPoint.POINT_INFINITY;
        }
        BigInteger slope = t.getAffineY().subtract(s.getAffineY())
                .multiply(t.getAffineX().subtract(s.getAffineX()).modInverse(p)).mod(p);
        return line(slope, s, t.getAffineX(), p);
    }

    private static ECPoint twice(ECPoint s, BigInteger p, BigInteger a) {
        if (s.equals(ECPoint.POINT_INFINITY) || s.getAffineY().signum() == 0) {
            return ECPoint.POINT_INFINITY;
        }
        BigInteger x = s.getAffineX();
        BigInteger slope = THREE.multiply(x).multiply(x).add(a)
                .multiply(TWO.multiply(s.getAffineY()).modInverse(p)).mod(p);
        return line(slope, s, x, p);
    }

    /** The third intersection of the line through {@code s} with {@code slope}, mirrored. */
    private static ECPoint line(BigInteger slope, ECPoint s, BigInteger otherX, BigInteger p) {
        BigInteger x = slope.multiply(slope).subtract(s.getAffineX()).subtract(otherX).mod(p);
        BigInteger y = slope.multiply(s.getAffineX().subtract(x)).subtract(s.getAffineY()).mod(p);
        return new ECPoint(x, y);
    }

    private static BigInteger prime(ECParameterSpec curve) {
        return ((ECFieldFp) curve.getCurve().getField()).getP();
    }

    private static int fieldSize(ECParameterSpec curve) {
        return curve.getCurve().getField().getFieldSize();
    }
}
