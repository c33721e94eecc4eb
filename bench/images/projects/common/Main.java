package bench;

/** The Java side of a native-image project; the benchmark ships the executable in target/. */
public class Main {
    public static void main(String[] args) {
        System.out.println("bench-app");
    }
}
