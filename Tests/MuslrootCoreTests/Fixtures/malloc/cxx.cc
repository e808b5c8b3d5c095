// (f) C++ on the libc allocator: operator new/delete (plain, array, aligned, nothrow),
// exceptions thrown and caught across std::threads, containers and strings. Built with
// the full toolchain's g++ -static (libstdc++'s operator new calls malloc, so with
// --malloc mimalloc it goes through mimalloc). Prints PASS/FAIL, exits non-zero on failure.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
#include <malloc.h>

static std::atomic<int> failures{0};
#define CHECK(cond) do { if (!(cond)) { std::fprintf(stderr, "cxx: line %d: %s\n", __LINE__, #cond); failures++; } } while (0)

struct alignas(256) Wide { unsigned char bytes[256]; };

static void work(int id, std::vector<std::unique_ptr<std::string>> &handoff)
{
    std::map<int, std::string> m;
    std::unordered_map<std::string, std::vector<int>> u;
    for (int i = 0; i < 20000; i++) {
        m[i % 997] = std::string(static_cast<size_t>(i % 300), static_cast<char>('a' + id));
        u[std::to_string(i % 501)].push_back(i);
        if (i % 100 == 0) {
            try {
                throw std::runtime_error(std::string(1000, 'x') + std::to_string(i));
            } catch (const std::exception &e) {
                CHECK(std::string(e.what()).size() > 1000);
            }
        }
    }
    CHECK(m.size() == 997 && u.size() == 501);
    for (int i = 0; i < 1000; i++)   // freed later by another thread
        handoff.push_back(std::make_unique<std::string>(static_cast<size_t>(50 + i % 500), 'h'));
}

int main()
{
    int *one = new int(42);
    int *many = new int[1000]();
    CHECK(*one == 42 && many[999] == 0);
    CHECK(malloc_usable_size(many) >= 1000 * sizeof(int));    // new[] memory is malloc memory
    delete one;
    delete[] many;

    Wide *w = new Wide[7];
    CHECK(reinterpret_cast<std::uintptr_t>(w) % 256 == 0);
    delete[] w;
    auto *big = new (std::align_val_t(4096)) char[10000];
    CHECK(reinterpret_cast<std::uintptr_t>(big) % 4096 == 0);
    operator delete[](big, std::align_val_t(4096));

    void *none = operator new(static_cast<size_t>(PTRDIFF_MAX) - 4096, std::nothrow);
    CHECK(none == nullptr);
    bool threw = false;
    try {
        std::vector<char> v(static_cast<size_t>(PTRDIFF_MAX) - 4096);
    } catch (const std::bad_alloc &) {
        threw = true;
    } catch (const std::length_error &) {
        threw = true;
    }
    CHECK(threw);

    std::vector<std::vector<std::unique_ptr<std::string>>> handoff(8);
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; i++) threads.emplace_back(work, i, std::ref(handoff[i]));
    for (auto &t : threads) t.join();
    for (auto &h : handoff) { CHECK(h.size() == 1000 && h[999]->size() == 50 + 999 % 500); h.clear(); }

    std::exception_ptr from_thread;
    std::thread([&] {
        try { throw std::out_of_range("thrown in a thread"); }
        catch (...) { from_thread = std::current_exception(); }
    }).join();
    try { std::rethrow_exception(from_thread); }
    catch (const std::out_of_range &e) { CHECK(std::string(e.what()) == "thrown in a thread"); }

    if (failures) { std::printf("FAIL cxx (%d failed checks)\n", failures.load()); return 1; }
    std::printf("PASS cxx (new/delete, exceptions, threads, containers)\n");
    return 0;
}
