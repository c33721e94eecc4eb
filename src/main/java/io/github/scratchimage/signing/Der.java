package io.github.scratchimage.signing;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Reads the few DER types a key file uses, one element at a time. Every length is checked against
 * what is left, so a damaged file gives a {@link MalformedDerException}, never an index error.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** The bytes are not the DER structure expected; the message says what was wrong where. */
    static final class MalformedDerException extends Exception {
        MalformedDerException(String message) {
            super(message);
        }
    }

    private final byte[] bytes;
    private int position;
    private final int end;

    private Der(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    static Der of(byte[] bytes) {
        return new Der(bytes, 0, bytes.length);
    }

    boolean hasMore() {
        return position < end;
    }

    /** The tag of the next element, without consuming it. */
    int peekTag() throws MalformedDerException {
        if (!hasMore()) {
            throw new MalformedDerException("the structure ends where another element was expected");
        }
        return bytes[position] & 0xff;
    }

    /** Consumes an element with {@code tag} and returns a reader over its contents. */
    Der element(int tag, String what) throws MalformedDerException {
        int found = peekTag();
        if (found != tag) {
            throw new MalformedDerException(what + ": expected DER tag 0x" + Integer.toHexString(tag)
                    + ", found 0x" + Integer.toHexString(found));
        }
        position++;
        int length = length(what);
        Der contents = new Der(bytes, position, position + length);
        position += length;
        return contents;
    }

    Der sequence(String what) throws MalformedDerException {
        return element(SEQUENCE, what);
    }

    byte[] octetString(String what) throws MalformedDerException {
        return element(OCTET_STRING, what).rest();
    }

    BigInteger integer(String what) throws MalformedDerException {
        byte[] value = element(INTEGER, what).rest();
        if (value.length == 0) {
            throw new MalformedDerException(what + ": empty INTEGER");
        }
        return new BigInteger(value);
    }

    /** An OBJECT IDENTIFIER in dotted form, {@code 1.2.840.10045.3.1.7}. */
    String oid(String what) throws MalformedDerException {
        byte[] value = element(OID, what).rest();
        if (value.length == 0 || (value[value.length - 1] & 0x80) != 0) {
            throw new MalformedDerException(what + ": malformed OBJECT IDENTIFIER");
        }
        StringBuilder dotted = new StringBuilder();
        long arc = 0;
        boolean first = true;
        for (byte b : value) {
            if (arc > (Long.MAX_VALUE >> 7)) {
                throw new MalformedDerException(what + ": OBJECT IDENTIFIER arc too large");
            }
            arc = (arc << 7) | (b & 0x7f);
            if ((b & 0x80) != 0) {
                continue;
            }
            if (first) {
                long top = Math.min(arc / 40, 2);
                dotted.append(top).append('.').append(arc - top * 40);
                first = false;
            } else {
                dotted.append('.').append(arc);
            }
            arc = 0;
        }
        return dotted.toString();
    }

    /** A BIT STRING with no unused bits, as keys and points are encoded. */
    byte[] bitString(String what) throws MalformedDerException {
        byte[] value = element(BIT_STRING, what).rest();
        if (value.length == 0 || value[0] != 0) {
            throw new MalformedDerException(what + ": BIT STRING with unused bits");
        }
        return Arrays.copyOfRange(value, 1, value.length);
    }

    /** Skips one element of any tag. */
    void skip(String what) throws MalformedDerException {
        element(peekTag(), what);
    }

    /** The bytes of this element not read yet, consuming them. */
    byte[] rest() {
        byte[] rest = Arrays.copyOfRange(bytes, position, end);
        position = end;
        return rest;
    }

    private int length(String what) throws MalformedDerException {
        if (position >= end) {
            throw new MalformedDerException(what + ": the length is missing");
        }
        int first = bytes[position++] & 0xff;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7f;
            if (count == 0 || count > 4 || end - position < count) {
                throw new MalformedDerException(what + ": unsupported length encoding");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (bytes[position++] & 0xff);
            }
        }
        if (length > end - position) {
            throw new MalformedDerException(what + ": the length " + length + " runs past the "
                    + (end - position) + " bytes left");
        }
        return (int) length;
    }
}
