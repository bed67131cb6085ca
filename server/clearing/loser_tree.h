#pragma once
// A tree of losers: picks, over and over, the source whose current head comes first among k
// sorted sources, with one comparison per tree level (a binary heap needs about two). The caller
// keeps the sources; the tree only holds their numbers. `beats(a, b)` must say whether source a's
// head comes before source b's, an exhausted source beating none.
#include <cstddef>
#include <utility>
#include <vector>

namespace cityclear::clearing {

class LoserTree {
 public:
  template <typename Beats>
  void build(size_t source_count, Beats beats) {
    size_ = source_count;
    nodes_.assign(size_ == 0 ? 1 : size_, 0);
    if (size_ == 0) return;
    std::vector<size_t> winners(2 * size_);
    for (size_t source = 0; source < size_; ++source) winners[size_ + source] = source;
    for (size_t node = size_ - 1; node >= 1; --node) {
      size_t left = winners[2 * node], right = winners[2 * node + 1];
      bool left_wins = beats(left, right);
      winners[node] = left_wins ? left : right;
      nodes_[node] = left_wins ? right : left;
    }
    nodes_[0] = winners[1];
  }

  // The source whose head comes first (when no source is left, an exhausted one).
  size_t winner() const { return nodes_[0]; }

  // After the winner's head changed (it moved on, or ran out): finds the new winner.
  template <typename Beats>
  void replay(Beats beats) {
    size_t champion = nodes_[0];
    for (size_t node = (champion + size_) / 2; node >= 1; node /= 2) {
      if (beats(nodes_[node], champion)) std::swap(nodes_[node], champion);
    }
    nodes_[0] = champion;
  }

 private:
  size_t size_ = 0;
  std::vector<size_t> nodes_;  // [0] the winner, [1, size) the loser of each match
};

}  // namespace cityclear::clearing
