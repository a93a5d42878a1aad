package dwell.format.evtx;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A growable list that keeps its first two items in fields: most elements of an event hold one text and no
 * attribute or one (name and value), and an {@code ArrayList} with its array for each was a fifth of all the
 * reader allocated. Holds the element trees of {@link XmlElement}; not for use across threads while it grows.
 */
final class SmallList<T> extends AbstractList<T> implements RandomAccess {
    private T first;
    private T second;
    /** Items from the third on; allocated when a third comes. */
    private Object[] more;
    private int size;

    /** A list with room for {@code expected} items before it grows. */
    SmallList(int expected) {
        if (expected > 2) more = new Object[expected - 2];
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        Objects.checkIndex(index, size);
        return index == 0 ? first : index == 1 ? second : (T) more[index - 2];
    }

    @Override
    public T set(int index, T item) {
        T old = get(index);
        if (index == 0) first = item;
        else if (index == 1) second = item;
        else more[index - 2] = item;
        return old;
    }

    @Override
    public boolean add(T item) {
        if (size == 0) {
            first = item;
        } else if (size == 1) {
            second = item;
        } else {
            int at = size - 2;
            if (more == null) more = new Object[2];
            else if (at == more.length) more = Arrays.copyOf(more, 2 * more.length);
            more[at] = item;
        }
        size++;
        modCount++;
        return true;
    }

    @Override
    public int size() {
        return size;
    }
}
