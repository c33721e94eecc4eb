#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

// iostream and std::string come from libstdc++; the caught exception unwinds through libgcc_s.
int main() {
    std::vector<std::string> words{"hello", "from", "libstdc++"};
    try {
        throw std::runtime_error("exception caught,");
    } catch (const std::exception &e) {
        std::cout << e.what();
    }
    for (const auto &word : words) {
        std::cout << ' ' << word;
    }
    std::cout << std::endl;
    return 0;
}
