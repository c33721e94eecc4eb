package io.github.scratchimage.examples;



/** Compiled ahead of time by GraalVM native-image into a static executable: no JVM in the image. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("Hello from GraalVM native-image in a FROM scratch image! ("
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ")");
    }
}
