package io.etlhub.console;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.util.Arrays;
import java.util.List;

/**
 * Users from configuration first, then from the hub store's console_user table (read at each login, so
 * a user added there can log in without a restart). Hub-store passwords must already be encoded
 * ({bcrypt}...); a plain text one never matches.
 */
class HubStoreUsers implements UserDetailsService {
    private final UserDetailsService configured;
    private final JdbcTemplate hub;

    HubStoreUsers(UserDetailsService configured, JdbcTemplate hub) {
        this.configured = configured;
        this.hub = hub;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        try {
            return configured.loadUserByUsername(username);
        } catch (UsernameNotFoundException notConfigured) {
            List<UserDetails> found = hub.query("SELECT username, password_hash, roles, enabled FROM console_user WHERE username = ?",
                    (rs, n) -> User.withUsername(rs.getString("username")).password(rs.getString("password_hash"))
                            .roles(Arrays.stream(rs.getString("roles").split(",")).map(String::trim).filter(r -> !r.isEmpty())
                                    .toArray(String[]::new))
                            .disabled(!rs.getBoolean("enabled")).build(), username);
            if (found.isEmpty()) throw new UsernameNotFoundException("no user " + username);
            return found.get(0);
        }
    }
}
