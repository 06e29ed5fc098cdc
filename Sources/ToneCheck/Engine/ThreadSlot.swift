#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One object per thread, lent out and handed back: working buffers reused from one
/// segment or document to the next on the same thread, with no lock. The object a thread
/// holds is released when the thread ends.
///
/// `take` hands the thread's object to the caller (nil when the thread holds none: never
/// given one, or lent out to a caller further up); `give` keeps one for the next `take`,
/// unless the thread already holds one.
final class ThreadSlot<Value: AnyObject>: @unchecked Sendable {
    private let key: pthread_key_t

    init() {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            #if canImport(Darwin)
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
            #else
            if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
            #endif
        }
        self.key = key
    }

    /// The calling thread's object, now owned by the caller, or nil.
    func take() -> Value? {
        guard let p = pthread_getspecific(key) else { return nil }
        pthread_setspecific(key, nil)
        return Unmanaged<Value>.fromOpaque(p).takeRetainedValue()
    }

    /// Keeps `value` for the calling thread's next `take` (unless it holds one already).
    func give(_ value: Value) {
        if pthread_getspecific(key) == nil {
            pthread_setspecific(key, Unmanaged.passRetained(value).toOpaque())
        }
    }
}
