// Linked dynamically against libstdc++, libm, libgcc_s and glibc: linkage=bundle puts exactly
// those libraries, and the loader, into the image.
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

int main() {
    std::vector<std::string> words{"Hello", "from", "C++", "in", "a", "FROM", "scratch", "image!"};
    std::string line;
    for (const auto &word : words) {
        line += (line.empty() ? "" : " ") + word;
    }
    try {
        throw std::runtime_error(line);
    } catch (const std::exception &e) {
        // An exception caught here unwinds through libgcc_s: proof that it is in the image.
        std::cout << e.what() << std::endl;
    }
    return 0;
}
